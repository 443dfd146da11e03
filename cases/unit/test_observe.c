/* test_observe.c: unit tests of observe.h, wait.h and teardown.h.
 *
 * observe_linux.c's parsers are tested in test_observe_parse_linux.c. Live
 * tests fork; each runs in its own Criterion worker, which becomes the
 * subreaper and kills everything it spawned in .fini, even when an
 * assertion failed. No test sleeps for a fixed time: children wait for
 * the event they need (a pipe byte, the parent blocked, a reparenting).
 */
#include <criterion/criterion.h>

#include "../../harness/env_allowed.h"
#include "../../harness/observe.h"
#include "../../harness/run_config.h"
#include "../../harness/teardown.h"
#include "../../harness/wait.h"
#include "../../harness/wait_event.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- helpers ------------------------------------------------------------ */

/* A copy of s in a buffer of exactly strlen(s) bytes: no NUL to lean on. */
static char *exact(const char *s, size_t *len)
{
    *len = strlen(s);
    char *b = malloc(*len ? *len : 1);
    cr_assert_not_null(b);
    memcpy(b, s, *len);
    return b;
}

static char tmpdir[64];

static void subreaper(void)
{
    cr_assert_eq(dk_become_subreaper(), 0);
}

static void with_tmpdir(void)
{
    subreaper();
    strcpy(tmpdir, "/tmp/dkobs.XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
}

static void cleanup(void)
{
    dk_kill_descendants();
    if (tmpdir[0])
        dk_remove_tree(tmpdir);
}

/* Read one value from a pipe, waiting at most a few seconds for it. */
static bool recv_val(int fd, void *v, size_t size)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    return poll(&p, 1, dk_deadline_left_ms(dk_deadline_in(10))) == 1 &&
           read(fd, v, size) == (ssize_t)size;
}

/* For children: the parent (arg) is blocked, i.e. inside the wait under
 * test, once it got past its setup. */
static bool sleeping(void *arg)
{
    obs_stat st;
    return obs_read_stat(*(pid_t *)arg, &st) == 0 && st.state == 'S';
}

static bool parent_is(void *arg)
{
    return getppid() == *(pid_t *)arg;
}

static bool has_pid(const pid_t *v, size_t n, pid_t pid)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == pid)
            return true;
    return false;
}

static double elapsed_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) +
           (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ---- readers, on ourselves and on a child ------------------------------- */

static void on_hup(int sig)
{
    (void)sig;
}

Test(read, self, .init = with_tmpdir, .fini = cleanup)
{
    obs_stat st;
    obs_status ss;
    obs_fd fds[256];
    char cwd[PATH_MAX], want[PATH_MAX];
    sigset_t set;
    int n, fd, i;

    umask(023);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGUSR2, SIG_IGN);
    signal(SIGHUP, on_hup);
    cr_assert_eq(chdir(tmpdir), 0);
    fd = open("/dev/null", O_WRONLY | O_APPEND | O_CLOEXEC);
    /* (fcntl, not dup3, which macOS lacks: fd 200 is free in a test.) */
    cr_assert_eq(fcntl(fd, F_DUPFD_CLOEXEC, 200), 200);
    close(fd);

    cr_assert_eq(obs_read_stat(getpid(), &st), 0);
    cr_assert_eq(st.pid, getpid());
    cr_assert_eq(st.state, 'R');
    cr_assert_eq(st.ppid, getppid());
    cr_assert_eq(st.pgrp, getpgrp());
    cr_assert_eq(st.sid, getsid(0));

    cr_assert_eq(obs_read_status(getpid(), &ss), 0);
    cr_assert_eq(ss.umask, 023);
    cr_assert(ss.sig_blocked & OBS_SIGBIT(SIGUSR1));
    cr_assert(ss.sig_ignored & OBS_SIGBIT(SIGUSR2));
    cr_assert(ss.sig_caught & OBS_SIGBIT(SIGHUP));
    cr_assert_not(ss.sig_caught & OBS_SIGBIT(SIGUSR2));

    cr_assert_eq(obs_read_cwd(getpid(), cwd, sizeof cwd), 0);
    cr_assert_not_null(realpath(tmpdir, want));
    cr_assert_str_eq(cwd, want);
    cr_assert_eq(obs_read_cwd(getpid(), cwd, 3), -1);
    cr_assert_eq(errno, ENAMETOOLONG);

    n = obs_list_fds(getpid(), fds, 256);
    cr_assert_geq(n, 4);
    cr_assert_leq(n, 256);
    for (i = 1; i < n; i++)
        cr_assert_lt(fds[i - 1].fd, fds[i].fd, "not ascending");
    for (i = 0; i < n && fds[i].fd != 200; i++)
        ;
    cr_assert_lt(i, n, "fd 200 not listed");
    cr_assert_str_eq(fds[i].target, "/dev/null");
    cr_assert_eq(fds[i].flags & O_ACCMODE, O_WRONLY);
    cr_assert(fds[i].flags & O_APPEND);
    cr_assert(fds[i].flags & O_CLOEXEC);
    /* Fewer slots than fds: the first two, and the count of them all. */
    cr_assert_eq(obs_list_fds(getpid(), fds, 2), n);
    cr_assert_lt(fds[0].fd, fds[1].fd);
}

/* Every descriptor, however many: a file at fd 600 above 300 others. */
Test(read, all_fds_past_any_buffer)
{
    int base = open("/dev/null", O_RDONLY | O_CLOEXEC), made[300];
    cr_assert_geq(base, 0);
    for (int i = 0; i < 300; i++)
        cr_assert_geq(made[i] = fcntl(base, F_DUPFD_CLOEXEC, 10), 0);
    cr_assert_eq(dup2(base, 600), 600);
    size_t n = 0;
    obs_fd *all = obs_list_all_fds(getpid(), &n);
    cr_assert_not_null(all);
    cr_assert_geq(n, 302);
    size_t i = 0;
    while (i < n && all[i].fd != 600)
        i++;
    cr_assert_lt(i, n, "fd 600 not listed among %zu", n);
    free(all);
    close(600);
    for (int i = 0; i < 300; i++)
        close(made[i]);
    close(base);
}

Test(read, child, .init = subreaper, .fini = cleanup)
{
    int p[2], st;
    char byte, cwd[PATH_MAX];
    obs_stat s;
    obs_status ss;
    obs_fd fds[256], one;
    pid_t c;

    cr_assert_eq(pipe(p), 0);
    c = fork();
    cr_assert_geq(c, 0);
    if (c == 0) {
        sigset_t set;
        int fd = open("/dev/null", O_RDWR);
        sigemptyset(&set);
        sigaddset(&set, SIGTERM);
        sigprocmask(SIG_BLOCK, &set, NULL);
        umask(077);
        if (fd < 0 || dup2(fd, 42) != 42 || chdir("/") != 0 ||
            write(p[1], "x", 1) != 1)
            _exit(1);
        for (;;)
            pause();
    }
    close(p[1]);
    cr_assert(recv_val(p[0], &byte, 1));

    cr_assert_eq(obs_read_stat(c, &s), 0);
    cr_assert_eq(s.pid, c);
    cr_assert_eq(s.ppid, getpid());
    cr_assert_eq(s.pgrp, getpgrp());
    cr_assert(obs_alive(c));
    cr_assert_eq(obs_read_status(c, &ss), 0);
    cr_assert_eq(ss.umask, 077);
    cr_assert(ss.sig_blocked & OBS_SIGBIT(SIGTERM));
    cr_assert_eq(obs_read_cwd(c, cwd, sizeof cwd), 0);
    cr_assert_str_eq(cwd, "/");
    cr_assert_eq(obs_read_fd(c, 42, &one), 0);
    cr_assert_eq(one.fd, 42);
    cr_assert_str_eq(one.target, "/dev/null");
    cr_assert_eq(one.flags & O_ACCMODE, O_RDWR);

    int n = obs_list_fds(c, fds, 256), i;
    cr_assert_leq(n, 256);
    for (i = 0; i < n && fds[i].fd != 42; i++)
        ;
    cr_assert_lt(i, n, "fd 42 not listed");
    cr_assert_str_eq(fds[i].target, "/dev/null");
    cr_assert_eq(obs_read_fd(c, 43, &one), -1);
    cr_assert_eq(errno, ENOENT);

    kill(c, SIGKILL);
    cr_assert_eq(dk_wait_child(c, &st, dk_deadline_in(10)), 0);
    cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    cr_assert_not(obs_alive(c));
    cr_assert_eq(obs_read_stat(c, &s), -1);
    cr_assert(errno == ENOENT || errno == ESRCH);
}

Test(read, no_such_process)
{
    obs_stat s;
    obs_status ss;
    obs_fd fds[4];
    char cwd[64];
    pid_t none = INT_MAX - 1;        /* above any pid_max */

    cr_assert_eq(obs_read_stat(none, &s), -1);
    cr_assert_eq(errno, ENOENT);
    cr_assert_eq(obs_read_status(none, &ss), -1);
    cr_assert_eq(obs_read_cwd(none, cwd, sizeof cwd), -1);
    cr_assert_eq(obs_list_fds(none, fds, 4), -1);
    cr_assert_not(obs_alive(none));
    cr_assert_not(obs_alive(0));
    cr_assert_not(obs_alive(-1));
}

/* ---- the process tree --------------------------------------------------- */

/* Fork a child that forks a grandchild; both wait in pause(). */
static pid_t fork_pair(pid_t *grandchild)
{
    int p[2];
    pid_t c;

    cr_assert_eq(pipe(p), 0);
    c = fork();
    cr_assert_geq(c, 0);
    if (c == 0) {
        pid_t g = fork();
        if (g == 0)
            for (;;)
                pause();
        if (g < 0 || write(p[1], &g, sizeof g) != sizeof g)
            _exit(1);
        for (;;)
            pause();
    }
    close(p[1]);
    cr_assert(recv_val(p[0], grandchild, sizeof *grandchild));
    close(p[0]);
    return c;
}

Test(tree, descendants, .init = subreaper, .fini = cleanup)
{
    pid_t g, c = fork_pair(&g), v[16];
    size_t n;

    n = obs_descendants(getpid(), v, 16);
    cr_assert_eq(n, 2);
    cr_assert(has_pid(v, n, c) && has_pid(v, n, g));
    cr_assert_lt(v[0], v[1]);
    cr_assert_not(has_pid(v, n, getpid()));
    cr_assert_eq(obs_descendants(getpid(), v, 1), 1);

    n = obs_descendants(c, v, 16);
    cr_assert_eq(n, 1);
    cr_assert_eq(v[0], g);
    cr_assert_eq(obs_descendants(g, v, 16), 0);

    n = obs_children(getpid(), v, 16);
    cr_assert_eq(n, 1);
    cr_assert_eq(v[0], c);
}

Test(tree, zombie_is_a_child_not_a_descendant, .init = subreaper,
     .fini = cleanup)
{
    pid_t c = fork(), v[16];
    obs_stat s;
    int st;

    cr_assert_geq(c, 0);
    if (c == 0)
        _exit(5);
    /* The watch (a pidfd, a kqueue) wakes at exit, when the zombie exists;
     * none can be made on a child that has exited already. */
    dk_watch w = dk__watch_process(c);
    if (w.fd >= 0) {
        dk__watch_wait(w, dk_deadline_left_ms(dk_deadline_in(10)));
        dk__watch_close(w);
    }

    cr_assert_eq(obs_read_stat(c, &s), 0);
    cr_assert_eq(s.state, 'Z');
    cr_assert_not(obs_alive(c));
    cr_assert_eq(obs_children(getpid(), v, 16), 1);
    cr_assert_eq(v[0], c);
    cr_assert_eq(obs_descendants(getpid(), v, 16), 0);
    cr_assert_eq(dk_wait_child(c, &st, dk_deadline_in(10)), 0);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 5);
}

/* ---- waiting ------------------------------------------------------------ */

Test(wait, deadline_scaling)
{
    /* The machine's load is part of it: compared with what
     * dk_deadline_seconds says now (the load may move a little between). */
    run_config_set("DKCHECK_TIMEOUT_MUL", NULL);
    run_config_set("DKCHECK_CALIBRATION_MS", NULL);
    double one = dk_deadline_seconds(1);
    int ms = dk_deadline_left_ms(dk_deadline_in(1));
    cr_assert(one >= 1 && one <= 4, "%g", one);
    cr_assert(ms > 900 * one * 0.8 && ms <= 1000 * one * 1.25, "%d (%g)", ms, one);

    run_config_set("DKCHECK_TIMEOUT_MUL", "2.5");
    cr_assert(dk_deadline_seconds(1) >= 2.5 && dk_deadline_seconds(1) <= 10);

    static const char *garbage[] = { "", "x", "-2", "0", "2x", "nan", "inf" };
    for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++) {
        run_config_set("DKCHECK_TIMEOUT_MUL", garbage[i]);
        double s = dk_deadline_seconds(1);
        cr_assert(s >= 1 && s <= 4, "\"%s\": %g", garbage[i], s);
    }
    run_config_set("DKCHECK_TIMEOUT_MUL", NULL);

    /* The rule on fixed figures. */
    cr_assert_float_eq(dk_deadline_scale(10, 0.5, 0, 1), 10, 1e-9);
    cr_assert_float_eq(dk_deadline_scale(10, 3, 0, 1), 30, 1e-9);
    cr_assert_float_eq(dk_deadline_scale(10, 20, 0, 1), 40, 1e-9);
    cr_assert_float_eq(dk_deadline_scale(10, 1, 2000, 1), 30, 1e-9);
    cr_assert_float_eq(dk_deadline_scale(10, 1, 60000, 2), 80, 1e-9);
    cr_assert_float_eq(dk_deadline_scale(0, 4, 60000, 2), 0, 1e-9);
    /* The longest a deadline can become in a run: the rule at the
     * highest load it counts, whatever the load is now. */
    run_config_set("DKCHECK_CALIBRATION_MS", "2000");
    cr_assert_float_eq(dk_deadline_longest(10), 60, 1e-9);
    run_config_set("DKCHECK_TIMEOUT_MUL", "2");
    cr_assert_float_eq(dk_deadline_longest(10), 120, 1e-9);
    run_config_set("DKCHECK_CALIBRATION_MS", NULL);
    run_config_set("DKCHECK_TIMEOUT_MUL", NULL);
    cr_assert_float_eq(dk_deadline_longest(10), 40, 1e-9);
    cr_assert(dk_deadline_passed(dk_deadline_in(0)));
    cr_assert(dk_deadline_passed(dk_deadline_in(-1)));
    cr_assert_eq(dk_deadline_left_ms(dk_deadline_in(-1)), 0);
}

Test(wait, child_times_out_then_succeeds, .init = subreaper,
     .fini = cleanup)
{
    pid_t c = fork();
    dk_deadline d;
    int st = -1;

    cr_assert_geq(c, 0);
    if (c == 0)
        for (;;)
            pause();
    d = dk_deadline_in(0.05);
    cr_assert_eq(dk_wait_child(c, &st, d), -1);
    cr_assert_eq(errno, ETIMEDOUT);
    cr_assert(dk_deadline_passed(d));
    cr_assert(obs_alive(c), "the child must be left running");
    cr_assert_not(dk_reaped_status(c, NULL));

    kill(c, SIGKILL);
    cr_assert_eq(dk_wait_child(c, &st, dk_deadline_in(10)), 0);
    cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    st = 0;
    cr_assert(dk_reaped_status(c, &st));
    cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    cr_assert_eq(dk_wait_child(0, &st, dk_deadline_in(1)), -1);
    cr_assert_eq(errno, EINVAL);
}

static bool reaped(void *arg)
{
    return dk_reaped_status(*(pid_t *)arg, NULL);
}

Test(wait, until_reaps_exited_children, .init = subreaper, .fini = cleanup)
{
    pid_t c = fork();
    int st = 0;

    cr_assert_geq(c, 0);
    if (c == 0)
        _exit(3);
    cr_assert(dk_wait_until(reaped, &c, dk_deadline_in(10)));
    cr_assert(dk_reaped_status(c, &st));
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 3);
    /* Already reaped by the loop: dk_wait_child answers from the table. */
    st = 0;
    cr_assert_eq(dk_wait_child(c, &st, dk_deadline_in(1)), 0);
    cr_assert_eq(WEXITSTATUS(st), 3);
}

static bool never(void *arg)
{
    (void)arg;
    return false;
}

Test(wait, until_times_out)
{
    dk_deadline d = dk_deadline_in(0.03);
    cr_assert_not(dk_wait_until(never, NULL, d));
    cr_assert(dk_deadline_passed(d));
}

Test(wait, gone_reparented_grandchild, .init = subreaper, .fini = cleanup,
     .timeout = 30)
{
    pid_t me = getpid(), c, g;
    int p[2], go[2], st = 0;
    bool was_reaped = false;
    obs_stat s;

    cr_assert_eq(pipe(p), 0);
    cr_assert_eq(pipe(go), 0);
    c = fork();
    cr_assert_geq(c, 0);
    if (c == 0) {
        char b;
        g = fork();
        if (g == 0)
            /* Exit only once reparented to us, while we wait for it. */
            _exit(dk_wait_until(parent_is, &me, dk_deadline_in(20)) ? 7 : 1);
        if (g < 0 || write(p[1], &g, sizeof g) != sizeof g ||
            read(go[0], &b, 1) != 1)
            _exit(1);
        dk_wait_until(sleeping, &me, dk_deadline_in(20));
        _exit(0);
    }
    cr_assert(recv_val(p[0], &g, sizeof g));
    cr_assert_eq(obs_read_stat(g, &s), 0);
    cr_assert_eq(s.ppid, c, "not our child at the start");
    cr_assert_eq(write(go[1], "g", 1), 1);

    cr_assert(dk_wait_gone(g, &st, &was_reaped, dk_deadline_in(20)));
    cr_assert(was_reaped);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 7);
    cr_assert_eq(dk_wait_child(c, &st, dk_deadline_in(10)), 0);
    cr_assert_eq(WEXITSTATUS(st), 0);
}

Test(wait, gone_non_child_and_timeouts, .init = subreaper, .fini = cleanup)
{
    pid_t g, c = fork_pair(&g);
    bool was_reaped = true;
    dk_deadline d = dk_deadline_in(0.03);

    cr_assert_not(dk_wait_gone(g, NULL, &was_reaped, d));
    cr_assert(dk_deadline_passed(d));
    cr_assert_not(was_reaped);
    cr_assert_not(dk_wait_gone(c, NULL, NULL, dk_deadline_in(0.02)));

    /* A non-child that exits is reaped by its parent, not us. */
    kill(g, SIGKILL);
    cr_assert(dk_wait_gone(g, NULL, &was_reaped, dk_deadline_in(10)));
    cr_assert_not(was_reaped);

    cr_assert(dk_wait_gone(INT_MAX - 1, NULL, &was_reaped, dk_deadline_in(1)));
    cr_assert_not(was_reaped);
}

Test(wait, file_woken_by_rename, .init = with_tmpdir, .fini = cleanup,
     .timeout = 60)
{
    char path[128], tmp[128];
    pid_t me = getpid(), c;
    struct timespec t0;
    int st;

    snprintf(tmp, sizeof tmp, "%s/sub", tmpdir);
    cr_assert_eq(mkdir(tmp, 0700), 0);
    snprintf(path, sizeof path, "%s/sub/ready", tmpdir);
    snprintf(tmp, sizeof tmp, "%s/sub/ready.tmp", tmpdir);

    c = fork();
    cr_assert_geq(c, 0);
    if (c == 0) {
        int fd;
        dk_wait_until(sleeping, &me, dk_deadline_in(20));
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
        _exit(fd >= 0 && write(fd, "1\n", 2) == 2 && close(fd) == 0 &&
                      rename(tmp, path) == 0 ? 0 : 1);
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    /* A long deadline: only the inotify wakeup can make this quick. */
    cr_assert(dk_wait_file(path, dk_deadline_in(40)));
    cr_assert_lt(elapsed_since(&t0), 20.0);
    cr_assert_eq(dk_wait_child(c, &st, dk_deadline_in(10)), 0);
    cr_assert_eq(WEXITSTATUS(st), 0);
    cr_assert(dk_wait_file(path, dk_deadline_in(0)), "exists: no wait");
}

Test(wait, file_timeouts, .init = with_tmpdir, .fini = cleanup)
{
    char path[128];
    dk_deadline d = dk_deadline_in(0.03);

    snprintf(path, sizeof path, "%s/never", tmpdir);
    cr_assert_not(dk_wait_file(path, d));
    cr_assert(dk_deadline_passed(d));
    snprintf(path, sizeof path, "%s/no/such/dir/never", tmpdir);
    cr_assert_not(dk_wait_file(path, dk_deadline_in(0.03)));
    cr_assert_not(dk_wait_file_contains(path, "x", dk_deadline_in(0.03)));
}

Test(wait, file_contains, .init = with_tmpdir, .fini = cleanup,
     .timeout = 60)
{
    char path[128];
    pid_t me = getpid(), c;
    int st, fd;

    snprintf(path, sizeof path, "%s/log", tmpdir);
    fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, "starting\n", 9), 9);
    c = fork();
    cr_assert_geq(c, 0);
    if (c == 0) {
        dk_wait_until(sleeping, &me, dk_deadline_in(20));
        _exit(write(fd, "rea", 3) == 3 && write(fd, "dy 42\n", 6) == 6
                  ? 0 : 1);
    }
    close(fd);
    cr_assert_not(dk_wait_file_contains(path, "ready 42",
                                        dk_deadline_in(0)));
    cr_assert(dk_wait_file_contains(path, "ready 42", dk_deadline_in(40)));
    cr_assert_eq(dk_wait_child(c, &st, dk_deadline_in(10)), 0);
    cr_assert_not(dk_wait_file_contains(path, "ready 43",
                                        dk_deadline_in(0.03)));
}

/* A child that makes dir/name.tmp and renames it to dir/name once waiter
 * sleeps; its exit status says whether it could. */
static pid_t rename_once_asleep(pid_t waiter, const char *dir, const char *name)
{
    pid_t c = fork();
    cr_assert_geq(c, 0);
    if (c == 0) {
        char path[192], tmp[200];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        dk_wait_until(sleeping, &waiter, dk_deadline_in(20));
        int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0600);
        _exit(fd >= 0 && close(fd) == 0 && rename(tmp, path) == 0 ? 0 : 1);
    }
    return c;
}

static void reap_ok(pid_t c)
{
    int st;
    cr_assert_eq(dk_wait_child(c, &st, dk_deadline_in(10)), 0);
    cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0, "helper status %d", st);
}

/* On Linux every directory watch of a process shares one inotify instance
 * (closing one costs a kernel grace period): waits one after another, in
 * one directory or another, a watch made while another is held, and a
 * forked child's own wait must all still be woken by their event. Long
 * deadlines: only the event can make them quick. */
Test(wait, file_watches_one_after_another, .init = with_tmpdir,
     .fini = cleanup, .timeout = 120)
{
    char a[96], b[96], path[192];
    pid_t me = getpid(), c;
    struct timespec t0;

    snprintf(a, sizeof a, "%s/a", tmpdir);
    snprintf(b, sizeof b, "%s/b", tmpdir);
    cr_assert_eq(mkdir(a, 0700), 0);
    cr_assert_eq(mkdir(b, 0700), 0);
    const char *dirs[] = {a, a, b, a};
    for (int i = 0; i < 4; i++) {
        char name[16];
        snprintf(name, sizeof name, "ready.%d", i);
        snprintf(path, sizeof path, "%s/%s", dirs[i], name);
        c = rename_once_asleep(me, dirs[i], name);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        cr_assert(dk_wait_file(path, dk_deadline_in(40)), "round %d", i);
        cr_assert_lt(elapsed_since(&t0), 20.0, "round %d: no wakeup", i);
        reap_ok(c);
    }

    dk_watch held = dk__watch_dir(a, false);
    dk_watch second = dk__watch_dir(b, false);
    cr_assert(held.fd >= 0 && second.fd >= 0);
    c = rename_once_asleep(me, b, "second");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    dk__watch_wait(second, 40000);
    cr_assert_lt(elapsed_since(&t0), 20.0, "the second watch: no wakeup");
    reap_ok(c);
    c = rename_once_asleep(me, a, "held");
    clock_gettime(CLOCK_MONOTONIC, &t0);
    dk__watch_wait(held, 40000);
    cr_assert_lt(elapsed_since(&t0), 20.0, "the held watch: no wakeup");
    reap_ok(c);
    dk__watch_close(second);
    dk__watch_close(held);

    /* A child of a process whose instance exists waits with its own. */
    snprintf(path, sizeof path, "%s/for-the-child", b);
    c = fork();
    cr_assert_geq(c, 0);
    if (c == 0) {
        struct timespec t;
        clock_gettime(CLOCK_MONOTONIC, &t);
        _exit(dk_wait_file(path, dk_deadline_in(40)) &&
                      elapsed_since(&t) < 20.0 ? 0 : 1);
    }
    dk_wait_until(sleeping, &c, dk_deadline_in(20));
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    cr_assert_geq(fd, 0);
    close(fd);
    reap_ok(c);
}

/* ---- teardown ----------------------------------------------------------- */

Test(teardown, kills_double_forked_daemon, .init = subreaper,
     .fini = cleanup)
{
    int p[2], st;
    pid_t c, g, v[8];
    obs_stat s;

    cr_assert_eq(pipe(p), 0);
    c = fork();
    cr_assert_geq(c, 0);
    if (c == 0) {
        g = fork();
        if (g == 0) {
            setsid();
            for (;;)
                pause();
        }
        _exit(g > 0 && write(p[1], &g, sizeof g) == sizeof g ? 0 : 1);
    }
    cr_assert(recv_val(p[0], &g, sizeof g));
    cr_assert_eq(dk_wait_child(c, &st, dk_deadline_in(10)), 0);
    cr_assert_eq(WEXITSTATUS(st), 0);
    cr_assert_eq(obs_read_stat(g, &s), 0);
    cr_assert_eq(s.ppid, getpid(), "the orphan comes to the subreaper");

    cr_assert_eq(dk_kill_descendants(), 1);
    cr_assert_not(obs_alive(g));
    cr_assert_eq(obs_children(getpid(), v, 8), 0);
    cr_assert_eq(waitpid(-1, NULL, WNOHANG), -1);
    cr_assert_eq(errno, ECHILD);
    cr_assert(dk_reaped_status(g, &st));
    cr_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    cr_assert_eq(dk_kill_descendants(), 0);
}

Test(teardown, kills_a_whole_tree, .init = subreaper, .fini = cleanup)
{
    pid_t g, c = fork_pair(&g), v[8];
    int st;

    cr_assert_eq(dk_kill_descendants(), 2);
    cr_assert_eq(obs_descendants(getpid(), v, 8), 0);
    cr_assert_eq(obs_children(getpid(), v, 8), 0);
    cr_assert(dk_reaped_status(c, &st) && WTERMSIG(st) == SIGKILL);
    cr_assert(dk_reaped_status(g, &st) && WTERMSIG(st) == SIGKILL);
}

Test(teardown, remove_tree_keeps_symlink_targets, .init = with_tmpdir,
     .fini = cleanup)
{
    char out[128], tree[128], p[256];
    struct stat sb;

    snprintf(out, sizeof out, "%s/outside", tmpdir);
    snprintf(tree, sizeof tree, "%s/tree", tmpdir);
    cr_assert_eq(mkdir(out, 0700), 0);
    snprintf(p, sizeof p, "%s/precious", out);
    cr_assert_eq(close(open(p, O_WRONLY | O_CREAT, 0600)), 0);

    cr_assert_eq(mkdir(tree, 0700), 0);
    snprintf(p, sizeof p, "%s/a", tree);
    cr_assert_eq(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/a/b", tree);
    cr_assert_eq(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/a/b/file", tree);
    cr_assert_eq(close(open(p, O_WRONLY | O_CREAT, 0000)), 0);
    snprintf(p, sizeof p, "%s/a/link_to_dir", tree);
    cr_assert_eq(symlink(out, p), 0);
    snprintf(p, sizeof p, "%s/link_to_file", tree);
    cr_assert_eq(symlink("../outside/precious", p), 0);
    snprintf(p, sizeof p, "%s/dangling", tree);
    cr_assert_eq(symlink("/nonexistent/x", p), 0);
    /* Left unreadable and unwritable, as a subject's umask 0777 might. */
    snprintf(p, sizeof p, "%s/a/locked", tree);
    cr_assert_eq(mkdir(p, 0700), 0);
    snprintf(p, sizeof p, "%s/a/locked/f", tree);
    cr_assert_eq(close(open(p, O_WRONLY | O_CREAT, 0600)), 0);
    snprintf(p, sizeof p, "%s/a/locked", tree);
    cr_assert_eq(chmod(p, 0), 0);

    cr_assert_eq(dk_remove_tree(tree), 0);
    cr_assert_eq(lstat(tree, &sb), -1);
    cr_assert_eq(errno, ENOENT);
    cr_assert_eq(stat(out, &sb), 0);
    cr_assert(S_ISDIR(sb.st_mode));
    snprintf(p, sizeof p, "%s/precious", out);
    cr_assert_eq(stat(p, &sb), 0, "the symlink was followed");

    cr_assert_eq(dk_remove_tree(tree), 0, "already gone is fine");
    /* A symlink as the top is unlinked, not followed. */
    snprintf(p, sizeof p, "%s/toplink", tmpdir);
    cr_assert_eq(symlink(out, p), 0);
    cr_assert_eq(dk_remove_tree(p), 0);
    cr_assert_eq(stat(out, &sb), 0);
    cr_assert_eq(lstat(p, &sb), -1);
}

/* ---- the contract's environment allow-list (D4) ------------------------- */

Test(env_allowed, the_contract_list)
{
    static const char *const yes[] = {"PATH=/bin", "LANG=C.UTF-8",
                                      "LANGUAGE=fr", "TZ=UTC", "LC_ALL=C",
                                      "LC_TIME=de_DE", "NOTIFY_SOCKET=@n",
                                      "PATH="};
    static const char *const no[] = {"HOME=/root", "PATHX=/bin", "PAT=1",
                                     "LC_=1", "LD_PRELOAD=x.so",
                                     "DKCHECK_JUNK=1", "PATH", "=PATH",
                                     "TZ_EXTRA=1", ""};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        size_t n;
        char *e = exact(yes[i], &n);
        cr_expect(dk_env_allowed(e, n), "%s refused", yes[i]);
        free(e);
    }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
        size_t n;
        char *e = exact(no[i], &n);
        cr_expect(!dk_env_allowed(e, n), "%s allowed", no[i]);
        free(e);
    }
    /* Only len bytes count: "PATH=" cut before its '=' names no variable. */
    cr_expect(!dk_env_allowed("PATH=/bin", 4));
}

/* obs_read_environ shows what a child was started with; where it is not
 * read, it says so. */
struct environ_read {
    pid_t pid;
    int rc, err;
    size_t len;
    char buf[4096];
};

/* Read; done once read fails or shows the child's own environment (cat's,
 * not ours from before its exec). */
static bool environ_read_once(void *arg)
{
    struct environ_read *r = arg;
    r->rc = obs_read_environ(r->pid, r->buf, sizeof r->buf, &r->len);
    r->err = errno;
    return r->rc < 0 || memmem(r->buf, r->len, "DK_SEEN=1", 10) != NULL;
}

Test(observe_live, environ_of_a_child)
{
    int go[2];
    cr_assert(pipe(go) == 0);
    pid_t child = fork();
    cr_assert(child >= 0);
    if (child == 0) {
        close(go[1]);
        char *argv[] = {"cat", NULL};
        char *envp[] = {"DK_SEEN=1", "PATH=/usr/bin:/bin", NULL};
        dup2(go[0], 0);
        execve("/bin/cat", argv, envp);
        _exit(127);
    }
    close(go[0]);
    static struct environ_read r;
    r.pid = child;
    dk_wait_until(environ_read_once, &r, dk_deadline_in(5));
    close(go[1]); /* cat reads EOF and exits */
    waitpid(child, NULL, 0);
    if (r.rc < 0 && r.err == ENOTSUP)
        cr_skip_test("obs_read_environ is not read on this OS");
    cr_assert_eq(r.rc, 0, "obs_read_environ: %s", strerror(r.err));
    cr_expect_eq(r.len, sizeof "DK_SEEN=1" + sizeof "PATH=/usr/bin:/bin");
    cr_expect(memcmp(r.buf, "DK_SEEN=1", 10) == 0);
}
