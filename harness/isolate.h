/* isolate.h: let the kernel clean up after a run, however it ends.
 *
 * Where permitted (root, or a user namespace), the run happens in a PID
 * namespace of its own, whose init (a small reaper) is tied to dkcheck's
 * life (PR_SET_PDEATHSIG) and whose run directory is a tmpfs seen only
 * inside: when dkcheck ends, even by SIGKILL, the kernel
 * kills every process of the run and drops its files. What it cannot drop
 * is the empty run directory itself, which carries an owner marker; the
 * next run, or `dkcheck --reap`, removes it.
 *
 * Where not permitted (a container without CAP_SYS_ADMIN, a chroot, a
 * system with namespaces turned off), dkcheck says so in one line and the
 * runner is a child subreaper and the marker is all there is: every
 * process of the run has DKCHECK_RUNDIR=<run dir> and DKCHECK_RUN_TOKEN in
 * its environment, and reaping a stale run kills those and removes the
 * directory.
 */
#ifndef DKCHECK_ISOLATE_H
#define DKCHECK_ISOLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Make the run's directory in the private root of tmp (run_root.h), mark
 * it (our PID, start time and a random token; the marker appears whole or
 * not at all: a reaper beside us never reads it half written) and put
 * DKCHECK_RUNDIR and DKCHECK_RUN_TOKEN in our environment. 0, or -1 with
 * a one-line reason in why (a private root that is not ours included). */
int dk_run_begin(const char *tmp, char *why, size_t size);
/* Record the runner's PID in its namespace (file "runner" of the run
 * directory), which names its Criterion socket, for the reaper. */
int dk_run_note_runner(pid_t runner);
/* Its path, or NULL before dk_run_begin. */
const char *dk_run_dir(void);
/* Remove it (through the root's descriptor), and its public directory
 * (P1's). Idempotent. */
void dk_run_remove(void);

/* Move the rest of the run into its own PID and mount namespaces. Returns
 * 0 in the runner (a child of the namespace's init, with a random PID
 * number free in /tmp's Criterion names, run_dir a fresh tmpfs, /dev/shm
 * its own); the calling process
 * stays outside, waits for the runner, removes run_dir and exits with the
 * runner's status, never returning. Returns -1 with errno, having changed
 * nothing, where namespaces are not permitted (saying so in one line on
 * stderr, unless DKCHECK_NO_NAMESPACE asked for it). */
int dk_isolate_run(const char *run_dir);

/* Find the runs in our private root of tmp whose owner is gone: kill
 * every process still carrying their DKCHECK_RUNDIR and DKCHECK_RUN_TOKEN
 * and remove their directories. Says what it did on stderr when verbose.
 * Returns how many runs were reaped (0 when there is no root yet), or -1
 * with a one-line reason in why when the root is not ours. */
ssize_t dk_reap_stale_runs(const char *tmp, bool verbose, char *why,
                           size_t size);

#endif
