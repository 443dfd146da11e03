/* run_guard.c: run_guard.h, on every Unix. */
#include "run_guard.h"

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

int dk_guard_run(const char *run_dir)
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
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", run_dir, DK_RUNNER_FILE);
        FILE *f = fopen(path, "we");
        if (f != NULL) {
            fprintf(f, "%d\n", (int)getpid());
            fclose(f);
        }
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
    dk_remove_tree(run_dir);
    char sock[64];
    snprintf(sock, sizeof sock, "/tmp/criterion_%d.sock", (int)runner);
    unlink(sock);
    if (interrupted)
        _exit(128 + interrupted);
    if (WIFEXITED(status))
        _exit(WEXITSTATUS(status));
    fprintf(stderr, "dkcheck: the runner died of signal %d\n",
            WTERMSIG(status));
    _exit(128 + WTERMSIG(status));
}
