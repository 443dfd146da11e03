/* teardown_wait.c: dk_wait_passing_kill and dk_exit_as_child, the same on
 * every Unix. The guard (run_guard.c) and the namespace's outside
 * (isolate_linux.c) both wait for the one process that runs the cases and
 * must hand an interrupt on to it: as SIGKILL, since the runner's init of
 * a PID namespace ignores any signal it has no handler for. */
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

int dk_wait_passing_kill(pid_t child, int *status)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    *status = 0;
    while (waitpid(child, status, 0) < 0) {
        if (errno != EINTR)
            break;
        if (interrupted)
            kill(child, SIGKILL);
    }
    return interrupted;
}

void dk_exit_as_child(int interrupted_by, int status)
{
    if (interrupted_by)
        _exit(128 + interrupted_by);
    if (WIFEXITED(status))
        _exit(WEXITSTATUS(status));
    fprintf(stderr, "dkcheck: the runner died of signal %d\n",
            WTERMSIG(status));
    _exit(128 + WTERMSIG(status));
}
