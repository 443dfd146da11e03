/* observe_scan.h: internal to the observe backends. Each OS's backend
 * lists its process table; observe_tree.c walks it. */
#ifndef DKCHECK_OBSERVE_SCAN_H
#define DKCHECK_OBSERVE_SCAN_H

#include <sys/types.h>

typedef struct obs__proc {
    pid_t pid, ppid;
    char state;          /* as obs_stat's: 'Z' or 'X' for a dead process */
} obs__proc;

/* Every process, in one pass, into *out (malloc'd; the caller frees it).
 * The count, or -1. */
ssize_t obs__scan(obs__proc **out);

#endif
