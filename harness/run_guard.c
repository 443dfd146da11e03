/* run_guard.c: run_guard.h, on every Unix. */
#include "run_guard.h"

#include "criterion_names.h"
#include "isolate.h"
#include "teardown.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted;

static void on_interrupt(int signum)
{
    interrupted = signum;
}

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
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    int status = 0;
    while (waitpid(runner, &status, 0) < 0) {
        if (errno != EINTR)
            break;
        if (interrupted)
            kill(runner, SIGKILL);
    }
    /* The runner's workers and the subjects' daemons it adopted are
     * orphans now, and ours: the subreaper's. */
    dk_kill_descendants();
    dk_run_remove();
    dk_criterion_socket_remove(runner);
    if (interrupted)
        _exit(128 + interrupted);
    if (WIFEXITED(status))
        _exit(WEXITSTATUS(status));
    fprintf(stderr, "dkcheck: the runner died of signal %d\n",
            WTERMSIG(status));
    _exit(128 + WTERMSIG(status));
}
