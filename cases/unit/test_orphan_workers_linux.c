/* test_orphan_workers_linux.c: the reaper finds the worker a killed runner
 * left stopped, by the runner's arena it holds, and only that one. The
 * "runner" is a PID that has just exited (a child of ours, reaped), its
 * arena a file we make under its name; the workers are children of ours
 * that open a file and stop themselves, as the one seen did. */
#include <criterion/criterion.h>

#include "../../harness/orphan_workers.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static pid_t dead_pid(void)
{
    pid_t p = fork();
    cr_assert_geq(p, 0);
    if (p == 0)
        _exit(0);
    waitpid(p, NULL, 0);
    return p;
}

/* A child holding path open, stopped; returned once it is stopped. */
static pid_t stopped_holder(const char *path)
{
    pid_t p = fork();
    cr_assert_geq(p, 0);
    if (p == 0) {
        if (open(path, O_RDWR) < 0)
            _exit(1);
        raise(SIGSTOP);
        _exit(0);
    }
    int status;
    cr_assert_eq(waitpid(p, &status, WUNTRACED), p);
    cr_assert(WIFSTOPPED(status), "the holder did not stop (status %#x)", status);
    return p;
}

static void arena(char *path, size_t size, pid_t runner)
{
    snprintf(path, size, "/dev/shm/bxf_arena_%d", (int)runner);
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    cr_assert_geq(fd, 0, "cannot make %s", path);
    close(fd);
}

Test(orphan_workers, kills_the_holder_of_a_dead_runners_arena_only)
{
    pid_t runner = dead_pid(), other = dead_pid();
    char ours[64], theirs[64];
    arena(ours, sizeof ours, runner);
    arena(theirs, sizeof theirs, other);
    /* Holders are known by /proc's name for the file: where /proc names
     * it otherwise (seen in a chroot), there is nothing to observe. */
    char link[64], seen[256] = "";
    int probe = open(ours, O_RDONLY | O_CLOEXEC);
    snprintf(link, sizeof link, "/proc/self/fd/%d", probe);
    ssize_t n = probe < 0 ? -1 : readlink(link, seen, sizeof seen - 1);
    if (probe >= 0)
        close(probe);
    if (n < 0 || (seen[n] = '\0', strcmp(seen, ours) != 0)) {
        unlink(ours);
        unlink(theirs);
        cr_skip_test("/proc names %s \"%s\" here, not by its path: its holders cannot be told", ours, seen);
    }
    pid_t worker = stopped_holder(ours), bystander = stopped_holder(theirs);
    unlink(ours); /* as the reaper may have, or BoxFort: "(deleted)" */

    size_t killed = dk_kill_orphan_workers(runner, 12345);

    int status;
    cr_expect_eq(killed, 1);
    /* SIGKILL is delivered, not awaited: the worker is reaped within a
     * deadline, or it was not killed. */
    pid_t reaped = 0;
    for (int tries = 0; tries < 1000 && reaped == 0; tries++) {
        reaped = waitpid(worker, &status, WNOHANG);
        if (reaped == 0)
            usleep(10000);
    }
    cr_expect_eq(reaped, worker, "the stopped worker is still there");
    cr_expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    cr_expect_eq(waitpid(bystander, &status, WNOHANG), 0,
                 "a holder of another runner's arena was ended");
    kill(bystander, SIGKILL);
    waitpid(bystander, NULL, 0);
    kill(worker, SIGKILL);
    waitpid(worker, NULL, 0);
    unlink(theirs);
}
