/* observe_scan.h: internal to the observe backends. Each OS's backend
 * lists its process table; observe_tree.c walks it. */
#ifndef DKCHECK_OBSERVE_SCAN_H
#define DKCHECK_OBSERVE_SCAN_H

#include <stdbool.h>
#include <sys/types.h>

typedef struct obs__proc {
    pid_t pid, ppid;
    char state;          /* as obs_stat's: 'Z' or 'X' for a dead process */
} obs__proc;

/* Every process, in one pass, into *out (malloc'd; the caller frees it).
 * The count, or -1. */
ssize_t obs__scan(obs__proc **out);

/* For run_marker.c, on every Unix (each backend reads them its own way):
 * when pid started, in the OS's unit (with the PID, it names a
 * process uniquely), 0 if unknown; and whether pid's environment holds
 * exactly entry ("NAME=value"), false where it cannot be read. */
unsigned long long obs__start_time(pid_t pid);
bool obs__env_has(pid_t pid, const char *entry);
/* Whether pid works in dir or holds a file in it open (a daemon that
 * cleared its environment still holds its PID file, in the run's
 * sandbox); false where the OS does not show it to us. */
bool obs__uses_dir(pid_t pid, const char *dir);

#endif
