/* plain_posix.c: the subject contract spoken by what a careful programmer
 * writes by hand with plain POSIX calls and no library: the PID file
 * created exclusively and locked, a double fork with setsid between, a
 * readiness pipe the launcher waits on, umask and chdir, every descriptor
 * but the kept ones closed with close_range, stdio on /dev/null.
 *
 * It exists for make bench: the comparison beside the reference at a large
 * RLIMIT_NOFILE (the same work, without the library's extra steps), so it
 * declares only what the benchmarks use: pidfile, ready and on. */
#include "payload_signals.h"
#include "subject_args.h"
#include "subject_payload.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char capabilities[] = "pidfile\nready\non\n";

static int fail(const char *what, int err)
{
    fprintf(stderr, "subject-plain-posix: %s: %s\n", what, strerror(err));
    return 1;
}

/* Close every descriptor from 3 up except a and b (the PID file and the
 * pipe's write end): close_range over the gaps, which the kernel does in
 * one walk of the table each. */
static void close_all_but(int a, int b)
{
    int lo = a < b ? a : b, hi = a < b ? b : a;
    if (lo > 3)
        syscall(SYS_close_range, 3u, (unsigned)lo - 1, 0u);
    if (hi > lo + 1)
        syscall(SYS_close_range, (unsigned)lo + 1, (unsigned)hi - 1, 0u);
    syscall(SYS_close_range, (unsigned)hi + 1, ~0u, 0u);
}

/* Launcher: wait for the daemon's "ok" (or the pipe's EOF: it failed). */
static int launcher(int ready_fd, pid_t intermediate)
{
    while (waitpid(intermediate, NULL, 0) < 0 && errno == EINTR)
        ;
    char c;
    ssize_t n;
    while ((n = read(ready_fd, &c, 1)) < 0 && errno == EINTR)
        ;
    if (n == 1 && c == 'k')
        return 0;
    fprintf(stderr, "subject-plain-posix: the daemon failed before it was ready\n");
    return 1;
}

/* In the daemon: everything the launcher waits for. Returns only on
 * failure (the pipe then closes without "k", and the launcher says so). */
static void daemon_steps(const subject_args *a, int pid_fd, int ready_fd)
{
    umask(022);
    if (chdir("/") < 0)
        return;
    char line[32];
    int n = snprintf(line, sizeof line, "%ld\n", (long)getpid());
    if (ftruncate(pid_fd, 0) < 0 || write(pid_fd, line, (size_t)n) != n)
        return;
    close_all_but(pid_fd, ready_fd);
    int null = open("/dev/null", O_RDWR);
    if (null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 ||
        dup2(null, 2) < 0)
        return;
    if (null > 2)
        close(null);
    sigset_t logged;
    if (payload_signals_start(a, &logged) < 0 ||
        subject_announce_ready(a->ready) < 0)
        return;
    if (write(ready_fd, "k", 1) != 1)
        return;
    close(ready_fd);
    payload_serve(&logged);
}

int main(int argc, char **argv)
{
    subject_args args;
    char why[256];
    if (subject_parse_args(argc, argv, &args, why, sizeof why) < 0) {
        fprintf(stderr, "subject-plain-posix: %s\n", why);
        return 2;
    }
    if (args.mode == MODE_CAPABILITIES) {
        fputs(capabilities, stdout);
        return 0;
    }
    if (args.mode == MODE_SEND || args.chdir || args.umask >= 0 ||
        args.stdin_path || args.stdout_path || args.stderr_path ||
        args.n_shield > 0) {
        fprintf(stderr, "subject-plain-posix: only --pidfile, --ready and "
                        "--on are supported\n");
        return 2;
    }
    /* The ready file's path must survive the chdir to "/". */
    char ready[PATH_MAX];
    if (realpath(".", ready) == NULL ||
        strlen(ready) + strlen(args.ready) + 2 > sizeof ready)
        return fail("current directory", errno ? errno : ENAMETOOLONG);
    if (args.ready[0] != '/') {
        size_t len = strlen(ready);
        snprintf(ready + len, sizeof ready - len, "/%s", args.ready);
        args.ready = ready;
    } else {
        snprintf(ready, sizeof ready, "%s", args.ready); /* length checked */
        args.ready = ready;
    }

    int pid_fd = open(args.pidfile,
                      O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      0644);
    if (pid_fd < 0)
        return fail(args.pidfile, errno);
    /* The lock lives with the open file, which the daemon inherits: held
     * for as long as the daemon runs. */
    if (flock(pid_fd, LOCK_EX | LOCK_NB) < 0) {
        int err = errno;
        unlink(args.pidfile);
        return fail(args.pidfile, err);
    }
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0) {
        int err = errno;
        unlink(args.pidfile);
        return fail("pipe", err);
    }
    fflush(NULL);
    pid_t child = fork();
    if (child < 0) {
        int err = errno;
        unlink(args.pidfile);
        return fail("fork", err);
    }
    if (child > 0) {
        close(p[1]);
        return launcher(p[0], child);
    }
    close(p[0]);
    if (setsid() < 0) {
        unlink(args.pidfile);
        _exit(1);
    }
    pid_t daemon = fork();
    if (daemon < 0)
        unlink(args.pidfile); /* no daemon will own it */
    if (daemon != 0)
        _exit(daemon < 0);
    daemon_steps(&args, pid_fd, p[1]);
    unlink(args.pidfile);
    _exit(1);
}
