/* run_guard.c: run_guard.h, on every Unix. */
#include "run_guard.h"

#include "criterion_names.h"
#include "isolate.h"
#include "teardown.h"

#include <stdio.h>
#include <unistd.h>

int dk_guard_run(void)
{
    fflush(NULL);
    pid_t runner = fork();
    if (runner < 0)
        return -1;
    if (runner == 0) {
        dk_become_subreaper(); /* its own daemons come to it, as before */
        /* Criterion names its socket and arena after the runner, not the
         * owner the marker names: a --reap after the guard was killed
         * finds them by this (run_marker.c). */
        dk_run_note_runner(getpid());
        return 0;
    }
    int status;
    int interrupted = dk_wait_passing_kill(runner, &status);
    /* The runner's workers and the subjects' daemons it adopted are
     * orphans now, and ours: the subreaper's. */
    dk_kill_descendants();
    /* The socket before the run directory: killed in between (a reaper's
     * SIGKILL after its grace), the directory's marker still names the
     * runner for a --reap to find the socket by; the other way round, the
     * socket stayed in /tmp for good (sigterm-rounds, a round's SIGTERM to
     * make's process group). */
    dk_criterion_socket_remove(runner);
    dk_run_remove();
    dk_exit_as_child(interrupted, status);
}
