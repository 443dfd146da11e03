/* teardown.h: leave nothing behind.
 *
 * The harness makes itself the child subreaper, so every process a subject
 * orphans (the daemon after its double fork included) becomes our child and
 * can be killed and reaped.  A daemon calls setsid, so killing a process
 * group would miss it: we walk the process tree instead.
 */
#ifndef DKCHECK_TEARDOWN_H
#define DKCHECK_TEARDOWN_H

#include <stddef.h>
#include <sys/types.h>

/* prctl(PR_SET_CHILD_SUBREAPER). 0 or -1 with errno. */
int dk_become_subreaper(void);

/* SIGKILL every descendant of this process and reap them all, repeating
 * until none is left (a process that forks while we kill is caught on the
 * next pass).  Returns how many processes were killed. */
size_t dk_kill_descendants(void);

/* rm -rf path, not following symlinks and never leaving path's file
 * system. 0 or -1 with errno. */
int dk_remove_tree(const char *path);

#endif
