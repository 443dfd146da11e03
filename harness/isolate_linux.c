/* isolate_linux.c: the run in a PID and mount namespace of its own. */
#include "isolate.h"

#include "teardown.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t interrupted;

static void on_interrupt(int signum)
{
    interrupted = signum;
}

/* Ask the namespace to give the next process the PID `want`. Criterion
 * names its socket /tmp/criterion_<pid>.sock: a runner with the same PID in
 * every namespace (2) would collide with any run beside it, so it takes the
 * outer dkcheck's PID, unique on the machine while that one lives. */
static void next_pid_is(pid_t want)
{
    FILE *f = fopen("/proc/sys/kernel/ns_last_pid", "we");
    if (f == NULL)
        return;
    fprintf(f, "%d", (int)want - 1);
    fclose(f);
}

/* PID 1 of the namespace: reap whatever is orphaned to us until the runner
 * ends, then end too, which makes the kernel kill what is left. */
static void be_init(pid_t runner) __attribute__((noreturn));
static void be_init(pid_t runner)
{
    for (;;) {
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid == runner)
            _exit(WIFEXITED(status) ? WEXITSTATUS(status)
                                    : 128 + WTERMSIG(status));
        if (pid < 0 && errno == ECHILD)
            _exit(125);
    }
}

/* In the new namespace, as its PID 1. Returns in the runner, a child of
 * ours. Any failure here is fatal: the outer process sees the exit status
 * and says so. */
static void become_runner(pid_t outer, int outer_alive, const char *run_dir)
{
    /* If dkcheck dies, so does the runner, and with it the namespace. Our
     * parent is outside the namespace (getppid() says 0), so whether it died
     * before the request took hold is told by the pipe it holds open. */
    struct pollfd p = {.fd = outer_alive, .events = POLLIN};
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || poll(&p, 1, 0) != 0)
        _exit(125);
    close(outer_alive);
    if (unshare(CLONE_NEWNS) < 0 ||
        mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
        mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
              NULL) < 0 ||
        mount("tmpfs", run_dir, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0700") <
            0) {
        fprintf(stderr, "dkcheck: cannot set up the run's namespace: %s\n",
                strerror(errno));
        _exit(125);
    }
    next_pid_is(outer);
    fflush(NULL);
    pid_t runner = fork();
    if (runner < 0)
        _exit(125);
    if (runner > 0)
        be_init(runner);
}

/* Outside: wait for the namespace's init, pass on an interrupt as SIGKILL
 * (init of a PID namespace ignores what it has no handler for), clean up,
 * exit with the runner's status. */
static void wait_for_runner(pid_t runner, const char *run_dir)
    __attribute__((noreturn));
static void wait_for_runner(pid_t runner, const char *run_dir)
{
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
    /* The runner's mount namespace, and its tmpfs, went with it. */
    dk_remove_tree(run_dir);
    if (interrupted)
        _exit(128 + interrupted);
    if (WIFEXITED(status))
        _exit(WEXITSTATUS(status));
    fprintf(stderr, "dkcheck: the runner died of signal %d\n",
            WTERMSIG(status));
    _exit(128 + WTERMSIG(status));
}

int dk_isolate_run(const char *run_dir)
{
    if (getenv("DKCHECK_NO_NAMESPACE") != NULL) {
        errno = EPERM;
        return -1;
    }
    pid_t outer = getpid();
    int alive[2];
    if (pipe2(alive, O_CLOEXEC) < 0)
        return -1;
    if (unshare(CLONE_NEWPID) < 0) {
        close(alive[0]);
        close(alive[1]);
        return -1;
    }
    fflush(NULL);
    pid_t runner = fork();
    if (runner < 0)
        return -1;
    if (runner == 0) {
        close(alive[1]);
        become_runner(outer, alive[0], run_dir);
        return 0;
    }
    close(alive[0]);
    wait_for_runner(runner, run_dir); /* alive[1] stays open until we exit */
}
