/* isolate_linux.c: the run in a PID and mount namespace of its own, or, where
 * the system refuses namespaces, a one-line notice and the run as it is. */
#include "isolate.h"

#include "criterion_names.h"
#include "run_config.h"
#include "run_root.h"
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* What the namespace's set-up tells the outer process through a pipe: err 0
 * from the runner means "isolated, go"; anything else names the step the
 * system refused, and nothing of ours is left in a namespace. */
struct setup_report {
    int err;
    int runner;      /* the runner's PID in its namespace */
    char step[40];
};

static void send_report(int fd, int err, const char *step)
{
    struct setup_report r = {.err = err, .runner = (int)getpid()};
    snprintf(r.step, sizeof r.step, "%s", step);
    /* Smaller than PIPE_BUF: written whole or not at all. */
    if (write(fd, &r, sizeof r) < 0)
        return;
}

/* DKCHECK_TEST_NS_REFUSE=EPERM|ENOSPC|EINVAL makes the step where a real
 * system refuses with that error fail the same way, so that `make check`
 * proves the fallback on a machine that permits everything: EPERM is a
 * container without CAP_SYS_ADMIN (or seccomp), ENOSPC a system whose
 * namespaces are turned off (max_*_namespaces = 0), both at unshare;
 * EINVAL a chroot, whose root is no mount point to make private. */
static bool forced(const char *name)
{
    const char *f = run_config()->test_ns_refuse;
    return f != NULL && strcmp(f, name) == 0;
}

static int unshare_pid(void)
{
    if (forced("EPERM") || forced("ENOSPC")) {
        errno = forced("EPERM") ? EPERM : ENOSPC;
        return -1;
    }
    return unshare(CLONE_NEWPID);
}

static int make_root_private(void)
{
    if (forced("EINVAL")) {
        errno = EINVAL;
        return -1;
    }
    return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
}

/* Ask the namespace to give the next process the PID `want`. */
static int next_pid_is(pid_t want)
{
    FILE *f = fopen("/proc/sys/kernel/ns_last_pid", "we");
    if (f == NULL)
        return -1;
    fprintf(f, "%d", (int)want - 1);
    return fclose(f);
}

/* The runner's PID. Criterion names its socket /tmp/criterion_<pid>.sock,
 * in the /tmp every user shares (the run keeps it: subjects and their
 * files may live there): a PID anyone can foresee (the outer dkcheck's,
 * shown by ps) lets another user bind that name first, and Criterion
 * would abort. A random one, free in /tmp, cannot be foreseen; in a fresh
 * namespace any number is ours to take. (/dev/shm is the run's own.) */
static pid_t pick_runner_pid(void)
{
    long max = 32768;
    FILE *f = fopen("/proc/sys/kernel/pid_max", "re");
    if (f != NULL) {
        if (fscanf(f, "%ld", &max) != 1)
            max = 32768;
        fclose(f);
    }
    for (int tries = 0; tries < 1000; tries++) {
        char hex[9], sock[64];
        struct stat st;
        if (dk_random_hex(hex, 8) < 0)
            return -1;
        long pid = 1000 + (long)(strtoul(hex, NULL, 16) % (unsigned long)(max - 1000));
        snprintf(sock, sizeof sock, "/tmp/criterion_%ld.sock", pid);
        if (lstat(sock, &st) < 0 && errno == ENOENT)
            return (pid_t)pid;
    }
    errno = EEXIST;
    return -1;
}

/* Has the outer dkcheck gone? It holds the write end of `alive` open. */
static bool outer_gone(int alive)
{
    struct pollfd p = {.fd = alive, .events = POLLIN};
    return poll(&p, 1, 0) != 0;
}

/* Wait for child, then end as it ended. */
static void exit_as(pid_t child) __attribute__((noreturn));
static void exit_as(pid_t child)
{
    int status;
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            _exit(125);
    _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
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

/* A tmpfs at dir with mode and the run's size bound (DKCHECK_TMPFS_SIZE,
 * bytes, set by dkcheck; sandbox.h). */
static int mount_tmpfs(const char *dir, const char *mode)
{
    char opts[128];
    const char *size = run_config()->tmpfs_size;
    snprintf(opts, sizeof opts, "mode=%s%s%s", mode, size ? ",size=" : "",
             size ? size : "");
    return mount("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, opts);
}

/* The mounts only the run sees: its own /proc; its run directory as a
 * tmpfs; its own /dev/shm, where BoxFort names objects after PIDs
 * (bxf_arena_<pid>, bxfi_<pid>), numbers every namespace hands out alike
 * and which no other user can then squat. Returns the refused step, or
 * NULL. */
static const char *private_mounts(const char *run_dir)
{
    if (unshare(CLONE_NEWNS) < 0)
        return "unshare(CLONE_NEWNS)";
    if (make_root_private() < 0)
        return "making / private";
    if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
              NULL) < 0)
        return "mounting /proc";
    if (mount_tmpfs(run_dir, "0700") < 0)
        return "mounting the run directory";
    struct stat st;
    if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) &&
        mount_tmpfs("/dev/shm", "1777") < 0)
        return "mounting /dev/shm";
    return NULL;
}

/* In the new PID namespace, as its PID 1. Returns in the runner, a child
 * of ours with a random PID; anything refused is reported and ends us. */
static void become_init(pid_t outer, int alive, int report,
                        const char *run_dir)
{
    /* If the keeper (our parent) dies, so do we, and with us the
     * namespace; the keeper dies with the outer process, which we check
     * is still there now that the request holds. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || outer_gone(alive))
        _exit(125);
    const char *refused = private_mounts(run_dir);
    if (refused != NULL) {
        send_report(report, errno, refused);
        _exit(125);
    }
    pid_t want = pick_runner_pid();
    if (want < 0 || next_pid_is(want) < 0) {
        send_report(report, errno, "choosing the runner's PID");
        _exit(125);
    }
    fflush(NULL);
    pid_t runner = fork();
    if (runner < 0) {
        send_report(report, errno, "fork");
        _exit(125);
    }
    if (runner > 0) {
        close(report);
        be_init(runner);
    }
    close(alive);
    (void)outer;
    if (getpid() != want) { /* someone took it first: names would collide */
        send_report(report, EEXIST, "giving the runner its PID");
        _exit(125);
    }
    send_report(report, 0, "");
    close(report);
}

/* The keeper: stays in our PID namespace, makes a new one for its child,
 * and ends as that child ends. Returns in the runner. */
static void become_keeper(pid_t outer, int alive, int report,
                          const char *run_dir)
{
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || outer_gone(alive))
        _exit(125);
    if (unshare_pid() < 0) {
        send_report(report, errno, "unshare(CLONE_NEWPID)");
        _exit(125);
    }
    fflush(NULL);
    pid_t init = fork();
    if (init < 0) {
        send_report(report, errno, "fork");
        _exit(125);
    }
    if (init == 0) {
        become_init(outer, alive, report, run_dir);
        return;
    }
    close(report);
    close(alive);
    exit_as(init);
}

/* Outside: wait for the keeper, pass on an interrupt as SIGKILL (init of a
 * PID namespace ignores what it has no handler for), clean up, exit with
 * the runner's status. */
static void wait_for_runner(pid_t keeper, pid_t runner)
    __attribute__((noreturn));
static void wait_for_runner(pid_t keeper, pid_t runner)
{
    /* Named for the reaper, should we be killed before removing the
     * runner's socket ourselves. */
    dk_run_note_runner(runner);
    int status;
    int interrupted = dk_wait_passing_kill(keeper, &status);
    /* The runner's mount namespace, its tmpfs and /dev/shm, went with it;
     * its Criterion socket stays in /tmp if it died before removing it. */
    dk_criterion_socket_remove(runner);
    dk_run_remove();
    dk_exit_as_child(interrupted, status);
}

/* Try; 0 in the runner, or -1 with errno and *step saying what was refused,
 * nothing changed. */
static int try_isolate(const char *run_dir, char *step, size_t step_size)
{
    pid_t outer = getpid();
    int alive[2], report[2];
    if (pipe2(alive, O_CLOEXEC) < 0)
        return -1;
    if (pipe2(report, O_CLOEXEC) < 0) {
        close(alive[0]);
        close(alive[1]);
        return -1;
    }
    fflush(NULL);
    pid_t keeper = fork();
    if (keeper == 0) {
        close(alive[1]);
        close(report[0]);
        become_keeper(outer, alive[0], report[1], run_dir);
        return 0;
    }
    close(alive[0]);
    close(report[1]);
    struct setup_report r = {.err = ECHILD};
    snprintf(r.step, sizeof r.step, "setting up");
    ssize_t got = keeper < 0 ? -1 : 0;
    while (keeper > 0 && (got = read(report[0], &r, sizeof r)) < 0 &&
           errno == EINTR)
        ;
    close(report[0]);
    if (got == (ssize_t)sizeof r && r.err == 0)
        wait_for_runner(keeper, r.runner); /* alive[1] open until we exit */
    if (keeper > 0)
        while (waitpid(keeper, NULL, 0) < 0 && errno == EINTR)
            ;
    close(alive[1]);
    snprintf(step, step_size, "%.*s", (int)sizeof r.step, r.step);
    errno = keeper < 0 ? errno : r.err;
    return -1;
}

int dk_isolate_run(const char *run_dir)
{
    if (run_config()->no_namespace) {
        errno = EPERM;
        return -1; /* asked for: nothing to announce */
    }
    char step[64];
    if (try_isolate(run_dir, step, sizeof step) == 0)
        return 0;
    int err = errno;
    fprintf(stderr,
            "dkcheck: no PID namespace here (%s: %s); isolating the run "
            "with a subreaper, run markers and --reap instead\n",
            step, strerror(err));
    errno = err;
    return -1;
}
