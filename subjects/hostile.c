/* hostile.c: a subject that misbehaves on purpose, so that we can show the
 * harness survives the implementations it exists to judge: each case ends
 * within its deadline with a FAIL naming what happened, and teardown leaves
 * nothing behind (scripts/check.d/40-hostile).
 *
 *     subject-hostile MODE [the subject contract's options]
 *
 * MODE is one of:
 *   never-ready        daemonizes, but never writes the ready file
 *   exit-zero          the launcher exits 0 without daemonizing
 *   pidfile-garbage    the daemon writes garbage into the PID file
 *   pidfile-other-pid  the daemon writes another process's PID (its
 *                      launcher's parent: the harness) into the PID file
 *   ignore-signals     the daemon ignores every signal it can
 *   fork-orphans       the launcher forks a few hundred children and
 *                      orphans them
 *   hold-fds           the daemon inherits and keeps every fd, stdio too
 *   spin               the launcher (and --send) spins the CPU, never exits
 *   flood              the launcher (and --send) floods stdout and stderr,
 *                      then exits 1
 *
 * Bounded, whatever the harness does: every process it makes ends by itself
 * within LIFETIME seconds (by the clock, so ignoring signals does not make
 * it immortal), CPU time is limited to the same, files it writes are
 * limited to FLOOD_LIMIT bytes, and it writes only where it is told. It
 * never delivers a signal: --send always fails. */
#include "subject_args.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define LIFETIME 300
#define ORPHANS 200
#define FLOOD_LIMIT (8L << 20)

static const char capabilities[] =
    "pidfile\nready\nchdir\numask\nstdin\nstdout\nstderr\nshield\non\nsend\n"
    "readiness\n";

static const char *const modes[] = {
    "never-ready",    "exit-zero",    "pidfile-garbage", "pidfile-other-pid",
    "ignore-signals", "fork-orphans", "hold-fds",        "spin",
    "flood",
};

static struct timespec born;

static bool outlived(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec - born.tv_sec >= LIFETIME;
}

/* Stay alive, doing nothing, until the lifetime is over. */
static void linger(void) __attribute__((noreturn));
static void linger(void)
{
    while (!outlived()) {
        struct timespec second = {1, 0};
        nanosleep(&second, NULL);
    }
    _exit(0);
}

static void spin(void) __attribute__((noreturn));
static void spin(void)
{
    volatile unsigned long n = 0;
    for (;;) {
        for (unsigned i = 0; i < 1000000; i++)
            n++;
        if (outlived())
            _exit(0);
    }
}

static void write_text(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    ssize_t n = write(fd, text, strlen(text));
    (void)n;
    close(fd);
}

/* The one thing done right: the ready file appears whole (tmp + rename), so
 * a case sees a daemon and goes on to check what it did wrong. */
static void write_ready(const char *path)
{
    char tmp[4096], line[32];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    snprintf(line, sizeof line, "%d\n", (int)getpid());
    write_text(tmp, line);
    rename(tmp, path);
}

static void flood(void) __attribute__((noreturn));
static void flood(void)
{
    /* Past the limit a write fails with EFBIG instead of killing us. */
    signal(SIGXFSZ, SIG_IGN);
    char line[64];
    bool out_open = true, err_open = true;
    for (unsigned long i = 0; out_open || err_open; i++) {
        int n = snprintf(line, sizeof line, "hostile flood line %lu\n", i);
        out_open = out_open && write(1, line, (size_t)n) == n;
        err_open = err_open && write(2, line, (size_t)n) == n;
    }
    _exit(1);
}

static void ignore_every_signal(void)
{
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, SIG_IGN);
}

static void fork_orphans(void)
{
    for (int i = 0; i < ORPHANS; i++) {
        pid_t pid = fork();
        if (pid == 0)
            linger();
        if (pid < 0)
            break;
    }
}

/* A careless double fork: no exclusivity, no cleanup, no readiness. The
 * launcher returns and exits 0 at once; the daemon returns 0. */
static pid_t careless_daemonize(void)
{
    pid_t pid = fork();
    if (pid != 0)
        _exit(pid < 0 ? 1 : 0);
    setsid();
    pid = fork();
    if (pid != 0)
        _exit(pid < 0 ? 1 : 0);
    return 0;
}

static void be_daemon(const char *mode, const subject_args *a, pid_t harness)
{
    char line[32];
    if (strcmp(mode, "pidfile-garbage") == 0)
        snprintf(line, sizeof line, "garbage\n");
    else
        snprintf(line, sizeof line, "%d\n",
                 (int)(strcmp(mode, "pidfile-other-pid") == 0 ? harness
                                                              : getpid()));
    write_text(a->pidfile, line);
    if (strcmp(mode, "ignore-signals") == 0)
        ignore_every_signal();
    if (strcmp(mode, "hold-fds") != 0) {
        /* Only hold-fds keeps what it inherited; the others let go. */
        int null = open("/dev/null", O_RDWR);
        for (int fd = 0; fd < 3 && null >= 0; fd++)
            dup2(null, fd);
    }
    if (strcmp(mode, "never-ready") != 0)
        write_ready(a->ready);
    linger();
}

static bool known(const char *mode)
{
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++)
        if (strcmp(mode, modes[i]) == 0)
            return true;
    return false;
}

int main(int argc, char **argv)
{
    clock_gettime(CLOCK_MONOTONIC, &born);
    struct rlimit cpu = {LIFETIME, LIFETIME}, size = {FLOOD_LIMIT, FLOOD_LIMIT};
    setrlimit(RLIMIT_CPU, &cpu);
    setrlimit(RLIMIT_FSIZE, &size);

    if (argc < 2 || !known(argv[1])) {
        fprintf(stderr, "subject-hostile: first argument: a mode, one of "
                        "never-ready exit-zero pidfile-garbage "
                        "pidfile-other-pid ignore-signals fork-orphans "
                        "hold-fds spin flood\n");
        return 2;
    }
    const char *mode = argv[1];
    subject_args args;
    char why[256];
    if (subject_parse_args(argc - 1, argv + 1, &args, why, sizeof why) < 0) {
        fprintf(stderr, "subject-hostile: %s\n", why);
        return 2;
    }
    if (args.mode == MODE_CAPABILITIES) {
        fputs(capabilities, stdout);
        return 0;
    }
    if (strcmp(mode, "flood") == 0)
        flood();
    if (strcmp(mode, "spin") == 0)
        spin();
    if (args.mode == MODE_SEND) {
        fprintf(stderr, "subject-hostile: --send: never delivers a signal\n");
        return 1;
    }
    if (strcmp(mode, "exit-zero") == 0)
        return 0;
    if (strcmp(mode, "fork-orphans") == 0)
        fork_orphans();
    pid_t harness = getppid();
    careless_daemonize();
    be_daemon(mode, &args, harness);
    return 0;
}
