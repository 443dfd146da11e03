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
 * runner is a child subreaper and the marker is all there is: every process of the run has DKCHECK_RUNDIR=<run dir> in
 * its environment, and reaping a stale run kills those and removes the
 * directory.
 */
#ifndef DKCHECK_ISOLATE_H
#define DKCHECK_ISOLATE_H

#include <stdbool.h>
#include <stddef.h>

/* Write the owner marker (our PID and start time) into run_dir. It appears
 * whole or not at all: a reaper beside us never reads it half written. */
int dk_mark_run(const char *run_dir);

/* Move the rest of the run into its own PID and mount namespaces. Returns
 * 0 in the runner (a child of the namespace's init, with the caller's PID
 * number, run_dir a fresh tmpfs, /dev/shm its own); the calling process
 * stays outside, waits for the runner, removes run_dir and exits with the
 * runner's status, never returning. Returns -1 with errno, having changed
 * nothing, where namespaces are not permitted (saying so in one line on
 * stderr, unless DKCHECK_NO_NAMESPACE asked for it). */
int dk_isolate_run(const char *run_dir);

/* Find runs in tmp_dir whose owner is gone: kill every process still
 * carrying their DKCHECK_RUNDIR and remove their directories. Says what it
 * did on stderr when verbose. Returns how many runs were reaped. */
size_t dk_reap_stale_runs(const char *tmp_dir, bool verbose);

#endif
