/* teardown.h: leave nothing behind.
 *
 * The harness makes itself the child subreaper, so every process a subject
 * orphans (the daemon after its double fork included) becomes our child and
 * can be killed and reaped.  A daemon calls setsid, so killing a process
 * group would miss it: we walk the process tree instead.
 */
#ifndef DKCHECK_TEARDOWN_H
#define DKCHECK_TEARDOWN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* prctl(PR_SET_CHILD_SUBREAPER). 0 or -1 with errno. */
int dk_become_subreaper(void);

/* SIGKILL every descendant of this process and reap them all, repeating
 * until none is left (a process that forks while we kill is caught on the
 * next pass).  Returns how many processes were killed. */
size_t dk_kill_descendants(void);

/* Wait for child, passing SIGINT, SIGTERM or SIGHUP that reach us
 * meanwhile on to it as SIGKILL (the handlers stay installed after).
 * *status is its wait status; returns the interrupting signal, or 0. */
int dk_wait_passing_kill(pid_t child, int *status);

/* _exit as a run that child's wait status ended: 128 + the interrupting
 * signal if interrupted_by is not 0, else the child's exit status, else
 * 128 + the signal that killed it (said on stderr). */
void dk_exit_as_child(int interrupted_by, int status)
    __attribute__((noreturn));

/* rm -rf path, by directory descriptors: symlinks are unlinked, never
 * followed, and a directory on another device (a mount) is left alone
 * (then -1 with EXDEV). Only the path of path's parent is resolved. 0 or
 * -1 with errno. */
int dk_remove_tree(const char *path);
/* The same for the entry name of the directory dirfd. */
int dk_remove_tree_at(int dirfd, const char *name);

/* Is name one entry of a directory: not empty, ".", ".." or holding a
 * '/'? Every name read from a file must be, before it is used. */
bool dk_plain_name(const char *name);

#endif
