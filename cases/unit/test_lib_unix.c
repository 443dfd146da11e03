/* test_lib_unix.c: in-process unit tests of libdaemoniker's Unix steps that
 * do not daemonize: the PID file (create, explain, write, cleanup), output
 * files, dk_send, and the signals object.
 *
 * Every test runs in its own Criterion worker process, so umask, signal
 * mask, dispositions and the one registered PID file cleanup never leak
 * from one test into another. File tests work in a fresh directory made in
 * .init and removed, whatever it holds, in .fini (which also runs after a
 * failed assertion). Forked children only ever _exit() (never exit(), which
 * would run the worker's atexit handlers) unless exit cleanup is the point,
 * and each is reaped. Waits are event-driven with a deadline: a pipe byte or
 * EOF under poll(), or a signal with a deadline (term_within); never a
 * fixed sleep.
 */
#include <criterion/criterion.h>

#include "../../harness/observe.h"
#include "../../harness/pipes.h"
#include "../../lib/unix/steps.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Long enough for a loaded CI machine, short enough to fail fast. */
#define DEADLINE_MS 5000

/* ---- temporary directory ------------------------------------------------ */

static char tmpdir[PATH_MAX];

static void make_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    if (base == NULL || base[0] == '\0')
        base = "/tmp";
    int n = snprintf(tmpdir, sizeof tmpdir, "%s/dklib.XXXXXX", base);
    cr_assert(n > 0 && (size_t)n < sizeof tmpdir, "TMPDIR too long");
    cr_assert_not_null(mkdtemp(tmpdir), "mkdtemp %s: %s", tmpdir,
                       strerror(errno));
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static void remove_tmpdir(void)
{
    /* Depth first, not following symlinks: a test's symlink may point out
     * of the directory, and its target must survive. */
    if (tmpdir[0] != '\0')
        nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    tmpdir[0] = '\0';
}

/* tmpdir/name, written to the caller's buf. */
static const char *in_tmp(const char *name, char buf[PATH_MAX])
{
    int n = snprintf(buf, PATH_MAX, "%s/%s", tmpdir, name);
    cr_assert(n > 0 && n < PATH_MAX);
    return buf;
}

/* ---- small file and process helpers ------------------------------------- */

static void write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    cr_assert_geq(fd, 0, "open %s: %s", path, strerror(errno));
    size_t len = strlen(text);
    cr_assert_eq(write(fd, text, len), (ssize_t)len);
    close(fd);
}

/* Whole content of a small file, NUL-terminated. */
static void read_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    cr_assert_geq(fd, 0, "open %s: %s", path, strerror(errno));
    size_t got = 0;
    ssize_t n;
    while (got + 1 < size && (n = read(fd, buf + got, size - 1 - got)) > 0)
        got += (size_t)n;
    buf[got] = '\0';
    close(fd);
}

static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* A PID that was ours a moment ago and now names no process: fork a child
 * that exits at once and reap it. (The kernel does not reuse a PID that
 * quickly in practice; a reuse would show as a clear failure, not a hang.) */
static pid_t dead_pid(void)
{
    pid_t c = fork();
    cr_assert_geq(c, 0, "fork: %s", strerror(errno));
    if (c == 0)
        _exit(0);
    int st;
    cr_assert_eq(waitpid(c, &st, 0), c);
    return c;
}

/* Exit status of a child that exits on its own in bounded time (it has no
 * way to block): -1 if it did not exit normally. */
static int reap(pid_t c)
{
    int st;
    pid_t r;
    while ((r = waitpid(c, &st, 0)) < 0 && errno == EINTR)
        ;
    cr_assert_eq(r, c, "waitpid: %s", strerror(errno));
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Milliseconds left until deadline (a CLOCK_MONOTONIC time), at least 0. */
static int ms_left(const struct timespec *deadline)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (deadline->tv_sec - now.tv_sec) * 1000 +
              (deadline->tv_nsec - now.tv_nsec) / 1000000;
    return ms < 0 ? 0 : (int)ms;
}

static struct timespec deadline_in(int ms)
{
    struct timespec d;
    clock_gettime(CLOCK_MONOTONIC, &d);
    d.tv_sec += ms / 1000;
    d.tv_nsec += (long)(ms % 1000) * 1000000;
    if (d.tv_nsec >= 1000000000) {
        d.tv_sec++;
        d.tv_nsec -= 1000000000;
    }
    return d;
}

/* One byte from fd within ms, or -1 on timeout or EOF. */
static int read_byte_within(int fd, int ms)
{
    struct timespec deadline = deadline_in(ms);
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, ms_left(&deadline));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        unsigned char b;
        ssize_t n = read(fd, &b, 1);
        if (n < 0 && errno == EINTR)
            continue;
        return n == 1 ? b : -1;
    }
}

/* Waits for EOF on fd (the child's copy of the write end closes when it
 * exits), then reaps the child. If the child is still there at the
 * deadline it is killed, so the test never hangs and never leaks it.
 * Returns the wait status, or -1 after a kill. Bytes read meanwhile are
 * counted in *bytes. */
static int reap_by_eof(pid_t c, int fd, int ms, int *bytes)
{
    struct timespec deadline = deadline_in(ms);
    *bytes = 0;
    for (;;) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, ms_left(&deadline));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        char buf[64];
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int st;
            while (waitpid(c, &st, 0) < 0 && errno == EINTR)
                ;
            return st;
        }
        *bytes += (int)n;
    }
    kill(c, SIGKILL);
    waitpid(c, NULL, 0);
    return -1;
}

TestSuite(lib_pidfile, .init = make_tmpdir, .fini = remove_tmpdir,
          .timeout = 30);
TestSuite(lib_cleanup, .init = make_tmpdir, .fini = remove_tmpdir,
          .timeout = 30);
TestSuite(lib_output, .init = make_tmpdir, .fini = remove_tmpdir,
          .timeout = 30);
TestSuite(lib_send, .init = make_tmpdir, .fini = remove_tmpdir,
          .timeout = 30);

/* ---- dk__pidfile_create / dk__pidfile_write / dk__pidfile_explain ------- */

Test(lib_pidfile, created_0644_whatever_the_umask)
{
    /* umask 0 would leave 0644 as is, 077 would make it 0600: fchmod must
     * fix both (H4: not group/world-writable, yet readable by dk_send). */
    static const mode_t masks[] = {0, 077, 022};
    for (size_t i = 0; i < sizeof masks / sizeof masks[0]; i++) {
        char path[PATH_MAX], name[32];
        snprintf(name, sizeof name, "m%zu.pid", i);
        in_tmp(name, path);

        mode_t old = umask(masks[i]);
        dk_error err;
        int fd = -1;
        dk_status st = dk__pidfile_create(path, &fd, &err);
        umask(old);
        cr_assert_eq(st, DK_OK, "umask %#o: %s", (unsigned)masks[i],
                     err.message);
        cr_assert_geq(fd, 0);

        struct stat sb;
        cr_assert_eq(fstat(fd, &sb), 0);
        cr_assert(S_ISREG(sb.st_mode));
        cr_assert_eq(sb.st_mode & 07777, 0644, "umask %#o gave mode %#o",
                     (unsigned)masks[i], (unsigned)(sb.st_mode & 07777));
        close(fd);
    }
}

Test(lib_pidfile, returned_fd_is_locked)
{
    char path[PATH_MAX];
    in_tmp("x.pid", path);
    dk_error err;
    int fd = -1;
    cr_assert_eq(dk__pidfile_create(path, &fd, &err), DK_OK, "%s",
                 err.message);

    /* Another process opening the file must find it locked, by us: that
     * is how dk__pidfile_explain tells a live daemon from a stale file, and
     * how dk_send knows the PID it would signal holds the file. */
    pid_t me = getpid();
    pid_t c = fork();
    cr_assert_geq(c, 0);
    if (c == 0) {
        int f = open(path, O_RDONLY | O_CLOEXEC);
        if (f < 0)
            _exit(3);
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
        if (fcntl(f, F_GETLK, &fl) < 0)
            _exit(2);
        if (fl.l_type == F_UNLCK)
            _exit(1);
        _exit(fl.l_pid == me ? 0 : 4);
    }
    int code = reap(c);
    cr_assert_eq(code, 0, "child: %s",
                 code == 1   ? "the file is not locked"
                 : code == 2 ? "F_GETLK failed"
                 : code == 4 ? "locked by another process than its creator"
                             : "could not open the file");
    close(fd);
}

Test(lib_pidfile, write_then_second_create_names_live_process)
{
    char path[PATH_MAX];
    in_tmp("x.pid", path);
    dk_error err;
    int fd = -1;
    cr_assert_eq(dk__pidfile_create(path, &fd, &err), DK_OK, "%s",
                 err.message);

    /* Leftover bytes longer than a PID: the write must truncate them. */
    cr_assert_eq(write(fd, "99999999999999999\nxx", 20), 20);
    cr_assert_eq(dk__pidfile_write(fd, path, &err), DK_OK, "%s", err.message);

    /* What another process sees (the lock is a POSIX one, per process: in
     * this one, reading the file would drop it, and our own lock is never
     * reported to us). 0: all as expected. */
    long me = (long)getpid();
    pid_t c = fork();
    cr_assert_geq(c, 0);
    if (c == 0) {
        char want[32], got[64];
        snprintf(want, sizeof want, "%ld\n", me);
        read_file(path, got, sizeof got);
        if (strcmp(got, want) != 0)
            _exit(1);
        int fd2 = -1;
        dk_error e2;
        memset(&e2, 0, sizeof e2);
        if (dk__pidfile_create(path, &fd2, &e2) != DK_EEXIST || fd2 != -1)
            _exit(2);
        char live[64];
        snprintf(live, sizeof live, "held by live process %ld", me);
        if (strstr(e2.message, live) == NULL || strstr(e2.message, path) == NULL)
            _exit(3);
        read_file(path, got, sizeof got);
        _exit(strcmp(got, want) == 0 ? 0 : 4);
    }
    int code = reap(c);
    cr_assert_eq(code, 0, "child: %s",
                 code == 1   ? "the PID file does not hold our PID"
                 : code == 2 ? "a second create was not refused with EEXIST"
                 : code == 3 ? "the refusal does not name the live holder"
                             : "the failed attempt changed the file");
    close(fd);
}

Test(lib_pidfile, stale_names_dead_pid)
{
    char path[PATH_MAX];
    in_tmp("x.pid", path);
    pid_t dead = dead_pid();
    char text[32];
    snprintf(text, sizeof text, "%ld\n", (long)dead);
    write_file(path, text);

    dk_error err;
    memset(&err, 0, sizeof err);
    int fd = -1;
    cr_assert_eq(dk__pidfile_create(path, &fd, &err), DK_EEXIST);
    cr_assert_eq(fd, -1);
    char pid[32];
    snprintf(pid, sizeof pid, " %ld", (long)dead);
    cr_assert_not_null(strstr(err.message, "stale"), "message \"%s\"",
                       err.message);
    cr_assert_not_null(strstr(err.message, pid), "message \"%s\" lacks PID",
                       err.message);
    cr_assert_null(strchr(err.message, '\n'));

    /* Refused, not reclaimed: the file is as it was. */
    char got[64];
    read_file(path, got, sizeof got);
    cr_assert_str_eq(got, text);
}

Test(lib_pidfile, garbage_holds_no_pid)
{
    char path[PATH_MAX];
    in_tmp("x.pid", path);
    write_file(path, "hello\n");

    dk_error err;
    memset(&err, 0, sizeof err);
    int fd = -1;
    cr_assert_eq(dk__pidfile_create(path, &fd, &err), DK_EEXIST);
    cr_assert_not_null(strstr(err.message, "holds no PID"), "message \"%s\"",
                       err.message);
    char got[64];
    read_file(path, got, sizeof got);
    cr_assert_str_eq(got, "hello\n");
}

Test(lib_pidfile, symlink_is_refused)
{
    char path[PATH_MAX], target[PATH_MAX], missing[PATH_MAX];
    in_tmp("x.pid", path);
    in_tmp("target", target);
    in_tmp("missing", missing);

    /* To an existing file: the target must not be truncated or locked. */
    write_file(target, "precious\n");
    cr_assert_eq(symlink(target, path), 0);
    dk_error err;
    memset(&err, 0, sizeof err);
    int fd = -1;
    cr_assert_eq(dk__pidfile_create(path, &fd, &err), DK_EEXIST);
    cr_assert_eq(fd, -1);
    cr_assert_not_null(strstr(err.message, "symlink"), "message \"%s\"",
                       err.message);
    char got[64];
    read_file(target, got, sizeof got);
    cr_assert_str_eq(got, "precious\n");
    struct stat sb;
    cr_assert_eq(stat(target, &sb), 0);
    cr_assert_eq(sb.st_mode & 07777, 0644, "target's mode changed");

    /* Dangling: following it would create the target. */
    cr_assert_eq(unlink(path), 0);
    cr_assert_eq(symlink(missing, path), 0);
    memset(&err, 0, sizeof err);
    cr_assert_eq(dk__pidfile_create(path, &fd, &err), DK_EEXIST);
    cr_assert_not_null(strstr(err.message, "symlink"), "message \"%s\"",
                       err.message);
    cr_assert_not(exists(missing), "the symlink's target was created");
    cr_assert_eq(lstat(path, &sb), 0);
    cr_assert(S_ISLNK(sb.st_mode), "the symlink was replaced");
}

Test(lib_pidfile, directory_is_not_a_regular_file)
{
    char path[PATH_MAX];
    in_tmp("x.pid", path);
    cr_assert_eq(mkdir(path, 0755), 0);
    dk_error err;
    memset(&err, 0, sizeof err);
    int fd = -1;
    cr_assert_eq(dk__pidfile_create(path, &fd, &err), DK_EEXIST);
    cr_assert_not_null(strstr(err.message, "not a regular file"),
                       "message \"%s\"", err.message);
}

Test(lib_pidfile, missing_directory)
{
    char path[PATH_MAX];
    in_tmp("nodir/x.pid", path);
    dk_error err;
    memset(&err, 0, sizeof err);
    int fd = -1;
    cr_assert_eq(dk__pidfile_create(path, &fd, &err), DK_ESYS);
    cr_assert_eq(err.sys_errno, ENOENT);
    cr_assert_not_null(strstr(err.message, "No such file or directory"),
                       "message \"%s\"", err.message);
    cr_assert_not_null(strstr(err.message, path), "message \"%s\"",
                       err.message);
    cr_assert_eq(strncmp(err.message, "daemoniker: U1: ", 16), 0,
                 "message \"%s\"", err.message);
}

/* ---- dk__cleanup_register / dk__cleanup_run ----------------------------- */

Test(lib_cleanup, only_the_registering_process_removes)
{
    char path[PATH_MAX];
    in_tmp("x.pid", path);
    dk_error err;
    int fd = -1;
    cr_assert_eq(dk__pidfile_create(path, &fd, &err), DK_OK, "%s",
                 err.message);
    dk__cleanup_register(path, fd);

    /* A forked child (the intermediate process of the double fork, say)
     * inherits the registration but must not remove the daemon's file. */
    pid_t c = fork();
    cr_assert_geq(c, 0);
    if (c == 0) {
        dk__cleanup_run();
        _exit(0);
    }
    cr_assert_eq(reap(c), 0);
    cr_assert(exists(path), "a child removed the registering process's file");

    dk__cleanup_run();
    cr_assert_not(exists(path), "the registering process did not remove it");
    dk__cleanup_run(); /* idempotent */
    close(fd);
}

Test(lib_cleanup, replaced_file_survives)
{
    char path[PATH_MAX], other[PATH_MAX];
    in_tmp("x.pid", path);
    in_tmp("other", other);
    dk_error err;
    int fd = -1;
    cr_assert_eq(dk__pidfile_create(path, &fd, &err), DK_OK, "%s",
                 err.message);
    dk__cleanup_register(path, fd);

    /* Someone removed ours and a new daemon wrote its own: not ours to
     * delete. rename() makes the swap atomic, as a real replacement is. */
    write_file(other, "4242\n");
    cr_assert_eq(rename(other, path), 0);
    dk__cleanup_run();
    cr_assert(exists(path), "a file that replaced ours was removed");
    char got[32];
    read_file(path, got, sizeof got);
    cr_assert_str_eq(got, "4242\n");
    close(fd);
}

/* dk_ready's check: the path still names the file created and locked. */
Test(lib_cleanup, still_ours_until_replaced)
{
    char path[PATH_MAX], other[PATH_MAX];
    in_tmp("x.pid", path);
    in_tmp("other", other);
    dk_error err;
    int fd = -1;
    cr_assert_eq(dk__pidfile_create(path, &fd, &err), DK_OK, "%s",
                 err.message);
    dk__cleanup_register(path, fd);
    cr_assert_eq(dk__pidfile_still_ours(&err), DK_OK, "%s", err.message);

    /* A ready file renamed onto it, holding the same text. */
    write_file(other, "4242\n");
    cr_assert_eq(rename(other, path), 0);
    cr_assert_eq(dk__pidfile_still_ours(&err), DK_ECHILD);
    cr_assert_not_null(strstr(err.message, "no longer the PID file"),
                       "message \"%s\"", err.message);
    cr_assert_eq(unlink(path), 0);
    cr_assert_eq(dk__pidfile_still_ours(&err), DK_ECHILD, "removed: ours?");
    dk__cleanup_run();
    close(fd);
}

/* ---- dk__open_output ----------------------------------------------------- */

Test(lib_output, created_0644_for_append)
{
    char path[PATH_MAX];
    in_tmp("out.log", path);
    mode_t old = umask(022);
    bool created;
    int fd = dk__open_output(path, &created);
    umask(old);
    cr_assert_geq(fd, 0, "open_output: %s", strerror(errno));
    cr_assert(created, "a new file was not said to be created");

    int fl = fcntl(fd, F_GETFL);
    cr_assert_neq(fl, -1);
    cr_assert(fl & O_APPEND, "not opened for append");
    cr_assert_eq(fl & O_ACCMODE, O_WRONLY);
    struct stat sb;
    cr_assert_eq(fstat(fd, &sb), 0);
    cr_assert_eq(sb.st_mode & 07777, 0644, "mode %#o",
                 (unsigned)(sb.st_mode & 07777));
    close(fd);
}

Test(lib_output, existing_content_kept)
{
    char path[PATH_MAX];
    in_tmp("out.log", path);
    write_file(path, "old line\n");

    bool created;
    int fd = dk__open_output(path, &created);
    cr_assert_geq(fd, 0, "open_output: %s", strerror(errno));
    cr_assert(!created, "an existing file was said to be created");
    cr_assert_eq(write(fd, "new\n", 4), 4);
    /* Even a seek to 0 cannot make a write overwrite the old log. */
    cr_assert_eq(lseek(fd, 0, SEEK_SET), 0);
    cr_assert_eq(write(fd, "more\n", 5), 5);
    close(fd);

    char got[64];
    read_file(path, got, sizeof got);
    cr_assert_str_eq(got, "old line\nnew\nmore\n");
}

/* ---- dk_send ------------------------------------------------------------- */

Test(lib_send, missing_file)
{
    char path[PATH_MAX];
    in_tmp("none.pid", path);
    dk_error err;
    memset(&err, 0, sizeof err);
    cr_assert_eq(dk_send(path, SIGTERM, &err), DK_ESYS);
    cr_assert_eq(err.sys_errno, ENOENT);
    cr_assert_not_null(strstr(err.message, path), "message \"%s\"",
                       err.message);
    cr_assert_null(strchr(err.message, '\n'));
}

Test(lib_send, garbage_holds_no_pid)
{
    char path[PATH_MAX];
    in_tmp("x.pid", path);
    write_file(path, "not a pid\n");
    dk_error err;
    memset(&err, 0, sizeof err);
    cr_assert_eq(dk_send(path, SIGTERM, &err), DK_EINVAL);
    cr_assert_not_null(strstr(err.message, "holds no PID"), "message \"%s\"",
                       err.message);

    write_file(path, "");
    memset(&err, 0, sizeof err);
    cr_assert_eq(dk_send(path, SIGTERM, &err), DK_EINVAL, "empty file");
    cr_assert_not_null(strstr(err.message, "holds no PID"), "message \"%s\"",
                       err.message);
}

Test(lib_send, dead_pid)
{
    char path[PATH_MAX], text[32];
    in_tmp("x.pid", path);
    snprintf(text, sizeof text, "%ld\n", (long)dead_pid());
    write_file(path, text);
    dk_error err;
    memset(&err, 0, sizeof err);
    /* Not locked, its process gone: stale, refused before kill(). */
    cr_assert_eq(dk_send(path, SIGTERM, &err), DK_EINVAL);
    cr_assert_not_null(strstr(err.message, "stale"), "%s", err.message);
}

/* A PID file naming a live process that does not hold its lock: refused,
 * and that process gets nothing. */
Test(lib_send, stranger_not_signalled)
{
    char path[PATH_MAX];
    in_tmp("x.pid", path);
    pid_t c = fork();
    cr_assert_geq(c, 0);
    if (c == 0) {
        for (;;)
            pause();
    }
    char text[32];
    snprintf(text, sizeof text, "%ld\n", (long)c);
    write_file(path, text);
    dk_error err;
    memset(&err, 0, sizeof err);
    dk_status st = dk_send(path, SIGTERM, &err);
    int alive = kill(c, 0) == 0;
    siginfo_t info;
    memset(&info, 0, sizeof info);
    /* Still running, not stopped or killed: a TERM would have ended it. */
    int changed = waitid(P_PID, (id_t)c, &info, WEXITED | WNOHANG) == 0 &&
                  info.si_pid == c;
    kill(c, SIGKILL);
    reap(c);
    cr_assert_eq(st, DK_EINVAL, "dk_send signalled a stranger: %s",
                 err.message);
    cr_assert_not_null(strstr(err.message, "not a daemon of ours"), "%s",
                       err.message);
    cr_assert(alive && !changed, "the stranger was harmed");
}

Test(lib_send, bad_arguments)
{
    /* A PID file naming ourselves: should a bad signal get through to
     * kill(), 0 would be harmless and 999 an EINVAL, not a kill. */
    char path[PATH_MAX], text[32];
    in_tmp("x.pid", path);
    snprintf(text, sizeof text, "%ld\n", (long)getpid());
    write_file(path, text);

    static const int bad[] = {0, -1, 999, NSIG};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dk_error err;
        memset(&err, 0, sizeof err);
        cr_assert_eq(dk_send(path, bad[i], &err), DK_EINVAL, "signal %d",
                     bad[i]);
        cr_assert_neq(err.message[0], '\0');
    }
    cr_assert_eq(dk_send(NULL, SIGTERM, NULL), DK_EINVAL);
    cr_assert_eq(dk_send("", SIGTERM, NULL), DK_EINVAL);
}

/* term_within: the first SIGTERM (blocked by the caller) within seconds,
 * with its sender and code; what sigtimedwait(2) tells, which macOS lacks.
 * SIGALRM is the deadline. */
static volatile sig_atomic_t term_seen, term_code, term_pid, alarm_seen;

static void on_term(int sig, siginfo_t *info, void *context)
{
    (void)sig;
    (void)context;
    term_code = info->si_code;
    term_pid = info->si_pid;
    term_seen = 1;
}

static void on_alarm(int sig)
{
    (void)sig;
    alarm_seen = 1;
}

/* 1 and *pid, *code when SIGTERM came; 0 at the deadline. */
static int term_within(unsigned seconds, pid_t *pid, int *code)
{
    struct sigaction term = {.sa_sigaction = on_term, .sa_flags = SA_SIGINFO};
    struct sigaction alarm_action = {.sa_handler = on_alarm};
    sigset_t open;

    sigemptyset(&term.sa_mask);
    sigemptyset(&alarm_action.sa_mask);
    sigaction(SIGTERM, &term, NULL);
    sigaction(SIGALRM, &alarm_action, NULL);
    sigprocmask(SIG_SETMASK, NULL, &open);
    sigdelset(&open, SIGTERM);
    sigdelset(&open, SIGALRM);
    alarm(seconds);
    while (!term_seen && !alarm_seen)
        sigsuspend(&open);
    alarm(0);
    *pid = (pid_t)term_pid;
    *code = (int)term_code;
    return term_seen;
}

Test(lib_send, live_child_gets_the_signal)
{
    char path[PATH_MAX];
    in_tmp("x.pid", path);

    /* Block SIGTERM before the fork so the child has it blocked from its
     * first instruction: a SIGTERM sent early stays pending, never kills. */
    sigset_t term, old;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    cr_assert_eq(sigprocmask(SIG_BLOCK, &term, &old), 0);
    pid_t parent = getpid();
    int ready[2];
    cr_assert_eq(pipe(ready), 0);
    pid_t c = fork();
    if (c == 0) {
        /* A daemon of ours: it holds the PID file's lock and is named in it. */
        int f = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
        if (f < 0 || fcntl(f, F_SETLK, &fl) < 0 ||
            dprintf(f, "%ld\n", (long)getpid()) < 0 || write(ready[1], "x", 1) != 1)
            _exit(5);
        pid_t sender;
        int code;
        if (!term_within(DEADLINE_MS / 1000, &sender, &code))
            _exit(2); /* timed out: nothing came */
        if (code != SI_USER)
            _exit(3);
        _exit(sender == parent ? 0 : 4);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    cr_assert_geq(c, 0);
    close(ready[1]);
    char byte;
    cr_assert_eq(read(ready[0], &byte, 1), 1, "the child did not lock the file");
    close(ready[0]);
    dk_error err;
    memset(&err, 0, sizeof err);
    dk_status st = dk_send(path, SIGTERM, &err);
    if (st != DK_OK)
        kill(c, SIGKILL); /* no hang waiting for a signal that never comes */
    int code = reap(c);
    cr_assert_eq(st, DK_OK, "dk_send: %s", err.message);
    cr_assert_eq(code, 0, "child: %s",
                 code == 2   ? "no SIGTERM arrived"
                 : code == 4 ? "SIGTERM came from another process"
                 : code == 5 ? "could not lock and write the PID file"
                             : "unexpected signal");
}

/* ---- signals object ------------------------------------------------------ */

/* What the handlers saw. Handlers run on the library's signal thread; the
 * pipe byte each posts is what the test waits on, and orders the atomics. */
static int sig_pipe[2] = {-1, -1};
static atomic_int seen_a[NSIG];
static atomic_int seen_b[NSIG];
static atomic_int last_signum;
static pthread_t handler_thread;

static void post(int signum)
{
    unsigned char b = (unsigned char)signum;
    ssize_t n = write(sig_pipe[1], &b, 1);
    (void)n; /* a lost byte shows as a timeout in the test */
}

static void record_a(int signum)
{
    handler_thread = pthread_self();
    atomic_store(&last_signum, signum);
    if (signum > 0 && signum < NSIG)
        atomic_fetch_add(&seen_a[signum], 1);
    post(signum);
}

static void record_b(int signum)
{
    atomic_store(&last_signum, signum);
    if (signum > 0 && signum < NSIG)
        atomic_fetch_add(&seen_b[signum], 1);
    post(signum);
}

static void open_sig_pipe(void)
{
    cr_assert_eq(dk_pipe(sig_pipe, O_CLOEXEC), 0);
}

static void close_sig_pipe(void)
{
    close(sig_pipe[0]);
    close(sig_pipe[1]);
}

TestSuite(lib_signals, .init = open_sig_pipe, .fini = close_sig_pipe,
          .timeout = 30);

/* kill(getpid()) is process-directed: the kernel gives it to a thread that
 * does not block it. The library's thread is the only one here: the main
 * thread blocks the three after start(), and Criterion's worker thread
 * blocks nearly every signal. */
static void send_self(int signum)
{
    cr_assert_eq(kill(getpid(), signum), 0);
}

static dk_signals *started(dk_signal_fn on_int, dk_signal_fn on_term,
                           dk_signal_fn on_abrt)
{
    dk_signals *s = NULL;
    dk_error err;
    memset(&err, 0, sizeof err);
    cr_assert_eq(dk_signals_new(&s, NULL, on_int, on_term, on_abrt, &err),
                 DK_OK, "%s", err.message);
    cr_assert_eq(dk_signals_start(s, &err), DK_OK, "%s", err.message);
    return s;
}

Test(lib_signals, handler_runs_on_another_thread)
{
    dk_signals *s = started(DK_DEFAULT_SIGNAL, record_a, DK_DEFAULT_SIGNAL);
    send_self(SIGTERM);
    cr_assert_eq(read_byte_within(sig_pipe[0], DEADLINE_MS), SIGTERM,
                 "the handler did not run");
    cr_assert_eq(atomic_load(&last_signum), SIGTERM);
    cr_assert_eq(atomic_load(&seen_a[SIGTERM]), 1);
    cr_assert_not(pthread_equal(handler_thread, pthread_self()),
                  "handler ran on the main thread");
    cr_assert_eq(dk_signals_stop(s, NULL), DK_OK);
    dk_signals_free(s);
}

/* raise() is thread-directed: it targets the calling thread, which start()
 * left with the three signals blocked. The Python library's handlers run on
 * raise_signal() as on kill(); a daemon that raise()s SIGTERM to shut
 * itself down expects its handler. */
Test(lib_signals, raise_in_main_thread_is_handled)
{
    dk_signals *s = started(DK_DEFAULT_SIGNAL, record_a, DK_DEFAULT_SIGNAL);
    cr_assert_eq(raise(SIGTERM), 0);
    int got = read_byte_within(sig_pipe[0], DEADLINE_MS);
    if (got != SIGTERM) {
        /* Take the signal still pending on this thread, so the worker ends
         * by the failed assertion rather than by SIGTERM at stop(). */
        sigset_t term, pending;
        int sig;
        sigemptyset(&term);
        sigaddset(&term, SIGTERM);
        if (sigpending(&pending) == 0 && sigismember(&pending, SIGTERM))
            sigwait(&term, &sig);
    }
    cr_assert_eq(got, SIGTERM,
                 "raise(SIGTERM) after dk_signals_start() never reached the "
                 "handler: it stays pending on the main thread");
    dk_signals_stop(s, NULL);
    dk_signals_free(s);
}

Test(lib_signals, ignore_runs_nothing)
{
    dk_signals *s = started(DK_IGNORE_SIGNAL, record_a, DK_DEFAULT_SIGNAL);
    send_self(SIGINT);
    /* SIGTERM after SIGINT: by the time its handler runs, SIGINT has been
     * taken too (both are process-directed, and the kernel hands out the
     * lower-numbered pending signal first), so "nothing ran for SIGINT"
     * is settled without sleeping. */
    send_self(SIGTERM);
    cr_assert_eq(read_byte_within(sig_pipe[0], DEADLINE_MS), SIGTERM);
    cr_assert_eq(atomic_load(&seen_a[SIGINT]), 0, "a handler ran for SIGINT");
    cr_assert_eq(atomic_load(&seen_a[SIGTERM]), 1);

    sigset_t pending;
    cr_assert_eq(sigpending(&pending), 0);
    cr_assert_not(sigismember(&pending, SIGINT), "SIGINT left pending");
    cr_assert_eq(dk_signals_stop(s, NULL), DK_OK);
    dk_signals_free(s);
}

Test(lib_signals, set_replaces_while_running)
{
    dk_signals *s = started(DK_DEFAULT_SIGNAL, record_a, DK_DEFAULT_SIGNAL);
    send_self(SIGTERM);
    cr_assert_eq(read_byte_within(sig_pipe[0], DEADLINE_MS), SIGTERM);

    dk_error err;
    cr_assert_eq(dk_signals_set(s, SIGTERM, record_b, &err), DK_OK, "%s",
                 err.message);
    send_self(SIGTERM);
    cr_assert_eq(read_byte_within(sig_pipe[0], DEADLINE_MS), SIGTERM);
    cr_assert_eq(atomic_load(&seen_a[SIGTERM]), 1, "old handler ran again");
    cr_assert_eq(atomic_load(&seen_b[SIGTERM]), 1, "new handler did not run");

    /* And to IGNORE: SIGABRT, whose default would end the process, now
     * runs nothing. The SIGTERM behind it proves it was taken (the kernel
     * hands out the lower-numbered pending signal first). */
    cr_assert_eq(dk_signals_set(s, SIGABRT, DK_IGNORE_SIGNAL, NULL), DK_OK);
    send_self(SIGABRT);
    send_self(SIGTERM);
    cr_assert_eq(read_byte_within(sig_pipe[0], DEADLINE_MS), SIGTERM);
    cr_assert_eq(atomic_load(&seen_b[SIGTERM]), 2);
    cr_assert_eq(atomic_load(&seen_a[SIGABRT]) + atomic_load(&seen_b[SIGABRT]),
                 0);
    dk_signals_free(s);
}

Test(lib_signals, start_twice_stop_twice)
{
    dk_signals *s = started(record_a, record_a, record_a);
    dk_error err;
    memset(&err, 0, sizeof err);
    cr_assert_eq(dk_signals_start(s, &err), DK_ESTATE);
    cr_assert_eq(err.status, DK_ESTATE);
    cr_assert_neq(err.message[0], '\0');
    cr_assert_eq(dk_signals_stop(s, &err), DK_OK);
    cr_assert_eq(dk_signals_stop(s, &err), DK_OK, "second stop");

    /* Stopped, it starts again and handles signals again. */
    cr_assert_eq(dk_signals_start(s, &err), DK_OK, "%s", err.message);
    send_self(SIGABRT);
    cr_assert_eq(read_byte_within(sig_pipe[0], DEADLINE_MS), SIGABRT);
    dk_signals_free(s); /* stops, too */
}

static void previous_handler(int signum)
{
    (void)signum;
}

Test(lib_signals, stop_restores_dispositions_and_mask)
{
    /* A caller's own handler and an inherited SIG_IGN; start() replaces
     * both with its own, stop() must put them back. */
    struct sigaction mine, ign, now;
    memset(&mine, 0, sizeof mine);
    mine.sa_handler = previous_handler;
    sigemptyset(&mine.sa_mask);
    cr_assert_eq(sigaction(SIGTERM, &mine, NULL), 0);
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    cr_assert_eq(sigaction(SIGINT, &ign, NULL), 0);

    sigset_t usr1, before, during, after;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    cr_assert_eq(pthread_sigmask(SIG_BLOCK, &usr1, NULL), 0);
    cr_assert_eq(pthread_sigmask(SIG_BLOCK, NULL, &before), 0);

    dk_signals *s = started(record_a, record_a, record_a);
    /* Running: the three signals are caught by the library, and the mask is
     * left as the caller had it. */
    cr_assert_eq(sigaction(SIGTERM, NULL, &now), 0);
    cr_assert(now.sa_handler != previous_handler && now.sa_handler != SIG_DFL &&
                  now.sa_handler != SIG_IGN,
              "start() did not install its SIGTERM handler");
    cr_assert_eq(pthread_sigmask(SIG_BLOCK, NULL, &during), 0);
    cr_assert_not(sigismember(&during, SIGTERM), "start() blocked SIGTERM");
    cr_assert(sigismember(&during, SIGUSR1));

    cr_assert_eq(dk_signals_stop(s, NULL), DK_OK);
    cr_assert_eq(sigaction(SIGTERM, NULL, &now), 0);
    cr_assert_eq(now.sa_handler, previous_handler, "SIGTERM handler lost");
    cr_assert_eq(sigaction(SIGINT, NULL, &now), 0);
    cr_assert_eq(now.sa_handler, SIG_IGN, "SIGINT's SIG_IGN lost");
    cr_assert_eq(sigaction(SIGABRT, NULL, &now), 0);
    cr_assert_eq(now.sa_handler, SIG_DFL);

    cr_assert_eq(pthread_sigmask(SIG_BLOCK, NULL, &after), 0);
    cr_assert_not(sigismember(&after, SIGTERM));
    cr_assert_not(sigismember(&after, SIGINT));
    cr_assert_not(sigismember(&after, SIGABRT));
    cr_assert(sigismember(&after, SIGUSR1), "SIGUSR1 unblocked by stop()");
    for (int sig = 1; sig < NSIG; sig++)
        cr_assert_eq(sigismember(&after, sig), sigismember(&before, sig),
                     "signal %d: mask not restored", sig);
    dk_signals_free(s);
}

Test(lib_signals, bad_arguments)
{
    dk_signals *s = NULL;
    cr_assert_eq(dk_signals_new(&s, NULL, NULL, NULL, NULL, NULL), DK_OK);
    static const int bad[] = {SIGHUP, SIGUSR1, 0, -1, 999};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        dk_error err;
        memset(&err, 0, sizeof err);
        cr_assert_eq(dk_signals_set(s, bad[i], record_a, &err), DK_EINVAL,
                     "signal %d", bad[i]);
        cr_assert_neq(err.message[0], '\0');
    }
    cr_assert_eq(dk_signals_set(NULL, SIGTERM, record_a, NULL), DK_EINVAL);
    cr_assert_eq(dk_signals_new(NULL, NULL, NULL, NULL, NULL, NULL),
                 DK_EINVAL);
    cr_assert_eq(dk_signals_start(NULL, NULL), DK_EINVAL);
    cr_assert_eq(dk_signals_stop(NULL, NULL), DK_EINVAL);
    dk_signals_free(NULL);
    dk_signals_free(s); /* never started */
}

/* The default handler calls exit(128 + signum) on the signal thread. That
 * ends the process, so it runs in a forked child; the child's atexit
 * handler posts a byte, which shows exit cleanup (the PID file's removal in
 * a daemon) ran. */
static int atexit_fd = -1;
static dk_signals *child_signals; /* global: reachable for LeakSanitizer */

static void atexit_post(void)
{
    unsigned char b = 'x';
    ssize_t n = write(atexit_fd, &b, 1);
    (void)n;
}

Test(lib_signals, default_handler_exits_128_plus_signum)
{
    static const int sigs[] = {SIGTERM, SIGINT, SIGABRT};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        int p[2];
        cr_assert_eq(dk_pipe(p, O_CLOEXEC), 0);
        pid_t c = fork();
        cr_assert_geq(c, 0);
        if (c == 0) {
            close(p[0]);
            atexit_fd = p[1];
            atexit(atexit_post);
            if (dk_signals_new(&child_signals, NULL, DK_DEFAULT_SIGNAL,
                               DK_DEFAULT_SIGNAL, DK_DEFAULT_SIGNAL,
                               NULL) != DK_OK ||
                dk_signals_start(child_signals, NULL) != DK_OK)
                _exit(90);
            kill(getpid(), sigs[i]);
            for (;;)
                pause();
        }
        close(p[1]);
        int bytes;
        int st = reap_by_eof(c, p[0], DEADLINE_MS, &bytes);
        close(p[0]);
        cr_assert_neq(st, -1, "signal %d: child still alive, killed",
                      sigs[i]);
        cr_assert(WIFEXITED(st), "signal %d: child ended by signal %d",
                  sigs[i], WIFSIGNALED(st) ? WTERMSIG(st) : 0);
        cr_assert_eq(WEXITSTATUS(st), 128 + sigs[i],
                     "signal %d: exit status %d", sigs[i], WEXITSTATUS(st));
        cr_assert_eq(bytes, 1, "signal %d: exit cleanup did not run",
                     sigs[i]);
    }
}

/* ---- readiness for supervisors (N1, N2) and identity (P1) ---------------- */

TestSuite(lib_notify, .init = make_tmpdir, .fini = remove_tmpdir,
          .timeout = 30);
TestSuite(lib_identity, .timeout = 30);

static int bound_socket(const char *path)
{
    /* (fcntl, not SOCK_CLOEXEC, which macOS lacks.) */
    int s = socket(AF_UNIX, SOCK_DGRAM, 0);
    if (s >= 0)
        fcntl(s, F_SETFD, FD_CLOEXEC);
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    size_t len = strlen(path);
    cr_assert(len < sizeof a.sun_path, "TMPDIR too long for a socket");
    memcpy(a.sun_path, path, len + 1);
    cr_assert(s >= 0 && bind(s, (struct sockaddr *)&a, sizeof a) == 0,
              "bind %s: %s", path, strerror(errno));
    return s;
}

Test(lib_notify, ready_then_variable_gone_then_stopping)
{
    char path[PATH_MAX];
    in_tmp("notify.sock", path);
    int s = bound_socket(path);
    cr_assert_eq(setenv("NOTIFY_SOCKET", path, 1), 0);
    dk_error err;
    cr_assert_eq(dk__notify_systemd_ready(&err), DK_OK, "%s", err.message);
    /* The daemon's children must not report for it. */
    cr_assert_null(getenv("NOTIFY_SOCKET"));
    char buf[128], want[64];
    ssize_t n = recv(s, buf, sizeof buf - 1, MSG_DONTWAIT);
    cr_assert(n > 0, "no READY datagram: %s", strerror(errno));
    buf[n] = '\0';
    snprintf(want, sizeof want, "READY=1\nMAINPID=%ld", (long)getpid());
    cr_assert_str_eq(buf, want);
    dk_notify_stopping();
    n = recv(s, buf, sizeof buf - 1, MSG_DONTWAIT);
    cr_assert(n > 0, "no STOPPING datagram: %s", strerror(errno));
    buf[n] = '\0';
    cr_assert_str_eq(buf, "STOPPING=1");
    close(s);
}

Test(lib_notify, unset_sends_nothing_bad_value_refused)
{
    unsetenv("NOTIFY_SOCKET");
    dk_error err;
    cr_assert_eq(dk__notify_systemd_ready(&err), DK_OK);
    cr_assert_eq(setenv("NOTIFY_SOCKET", "relative/path", 1), 0);
    cr_assert_eq(dk__notify_systemd_ready(&err), DK_EINVAL);
    cr_assert_not_null(strstr(err.message, "NOTIFY_SOCKET"), "%s",
                       err.message);
    char path[PATH_MAX];
    cr_assert_eq(setenv("NOTIFY_SOCKET", in_tmp("nobody-listens", path), 1),
                 0);
    cr_assert_eq(dk__notify_systemd_ready(&err), DK_ESYS);
}

Test(lib_notify, fd_gets_one_newline_then_closed)
{
    int p[2];
    cr_assert_eq(pipe(p), 0);
    dk_error err;
    cr_assert_eq(dk__notify_fd_keep(p[1], &err), DK_OK, "%s", err.message);
    cr_assert(fcntl(p[1], F_GETFD) & FD_CLOEXEC, "not close-on-exec");
    cr_assert_eq(dk__notify_fd_ready(&err), DK_OK, "%s", err.message);
    cr_assert(fcntl(p[1], F_GETFD) < 0 && errno == EBADF,
              "the notify fd is still open");
    char buf[8];
    cr_assert_eq(read(p[0], buf, sizeof buf), 1);
    cr_assert_eq(buf[0], '\n');
    cr_assert_eq(read(p[0], buf, sizeof buf), 0, "no end of file");
    /* Once only. */
    cr_assert_eq(dk__notify_fd_ready(&err), DK_OK);
    close(p[0]);
}

Test(lib_identity, unknown_user_and_group)
{
    dk_identity id;
    dk_error err;
    cr_assert_eq(dk__identity_lookup("dkcheck-no-such-user", NULL, &id, &err),
                 DK_EINVAL);
    cr_assert_not_null(strstr(err.message, "does not exist"), "%s",
                       err.message);
    struct passwd *pw = getpwuid(getuid());
    cr_assert_not_null(pw);
    cr_assert_eq(dk__identity_lookup(pw->pw_name, "dkcheck-no-such-group",
                                     &id, &err), DK_EINVAL);
    cr_assert_not_null(strstr(err.message, "group"), "%s", err.message);
}

Test(lib_identity, switch_needs_root)
{
    struct passwd *nobody = getpwnam("nobody");
    if (nobody == NULL || geteuid() != 0)
        cr_skip_test("needs root and a user nobody");
    uid_t target = nobody->pw_uid;
    pid_t c = fork();
    cr_assert(c >= 0);
    if (c == 0) {
        if (setgid(nobody->pw_gid) < 0 || setuid(target) < 0)
            _exit(3);
        dk_identity id;
        dk_error err;
        dk_status st = dk__identity_lookup("root", NULL, &id, &err);
        _exit(st == DK_ESYS && err.sys_errno == EPERM ? 0 : 1);
    }
    cr_assert_eq(reap(c), 0, "a non-root caller asking for root was not "
                 "refused with EPERM");
}

/* ---- D4: the environment sanitized -------------------------------------- */

Test(lib_env, entry_kept_names_the_allow_list)
{
    static const char *const yes[] = {"PATH=/bin", "LANG=C", "LANGUAGE=fr",
                                      "TZ=UTC", "NOTIFY_SOCKET=/run/n",
                                      "LC_ALL=C", "LC_CTYPE=C.UTF-8"};
    static const char *const no[] = {"HOME=/root", "PATHS=1", "LC_=1",
                                     "LD_PRELOAD=x.so", "IFS= ", "PATH",
                                     "TZX=1", ""};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        cr_expect(dk__env_entry_kept(yes[i]), "%s dropped", yes[i]);
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        cr_expect(!dk__env_entry_kept(no[i]), "%s kept", no[i]);
}

/* In this worker process: what getenv sees afterwards, and every entry of
 * the new environ, is on the list; values are kept as they were, those
 * set since exec (on the heap) too. */
Test(lib_env, sanitize_keeps_only_the_allow_list)
{
    cr_assert(setenv("DK_TEST_JUNK", "1", 1) == 0);
    cr_assert(setenv("PATH", "/usr/bin:/bin:/a/path/longer/than/before/exec",
                     1) == 0);
    cr_assert(setenv("LC_TIME", "C", 1) == 0);
    dk_error err = {0};
    cr_assert_eq(dk__env_sanitize(&err), DK_OK, "%s", err.message);
    cr_expect_null(getenv("DK_TEST_JUNK"));
    cr_expect_null(getenv("HOME"));
    cr_expect_str_eq(getenv("PATH"),
                     "/usr/bin:/bin:/a/path/longer/than/before/exec");
    cr_expect_str_eq(getenv("LC_TIME"), "C");
    size_t n = 0;
    for (char **e = *dk__environ(); *e != NULL; e++, n++)
        cr_expect(dk__env_entry_kept(*e), "%s kept", *e);
    cr_expect_geq(n, 2);
    /* The environment still works as one: set and unset after it. */
    cr_expect(setenv("DK_LATER", "2", 1) == 0);
    cr_expect_str_eq(getenv("DK_LATER"), "2");
    cr_expect(unsetenv("LC_TIME") == 0);
    cr_expect_null(getenv("LC_TIME"));
}

/* Entries exec allows and unsetenv cannot name (no '=', an empty name)
 * go too; a name given twice is kept once. */
Test(lib_env, sanitize_drops_nameless_entries)
{
    static char odd1[] = "NO_EQUALS_SIGN", odd2[] = "=empty name";
    static char path1[] = "PATH=/first", path2[] = "PATH=/second";
    static char *env[] = {odd1, path1, odd2, path2, NULL};
    *dk__environ() = env;
    dk_error err = {0};
    cr_assert_eq(dk__env_sanitize(&err), DK_OK, "%s", err.message);
    size_t n = 0;
    for (char **e = *dk__environ(); *e != NULL; e++, n++)
        cr_expect(strncmp(*e, "PATH=", 5) == 0, "%s left", *e);
    cr_expect_eq(n, 1);
    cr_expect_not_null(getenv("PATH"));
}

/* Where the OS shows others the block the process was started with (Linux:
 * /proc/PID/environ), that block holds only kept entries afterwards,
 * although it held others before (HOME, CI, ... from whoever ran us). */
Test(lib_env, sanitize_rewrites_the_block_others_see)
{
    static char before[1 << 16], after[1 << 16];
    size_t n_before, n_after;
    if (obs_read_environ(getpid(), before, sizeof before, &n_before) < 0 &&
        errno == ENOTSUP)
        cr_skip_test("the observer does not read an environment here");
    bool droppable = false;
    for (size_t at = 0; at < n_before && !droppable;) {
        size_t n = strnlen(before + at, n_before - at);
        droppable = n > 0 && !dk__env_entry_kept(before + at);
        at += n + 1;
    }
    if (!droppable)
        cr_skip_test("this runner was started with kept variables only: "
                     "nothing to see dropped");
    const char *path = getenv("PATH");
    char *path_before = path != NULL ? strdup(path) : NULL;
    dk_error err = {0};
    cr_assert_eq(dk__env_sanitize(&err), DK_OK, "%s", err.message);
    cr_assert(obs_read_environ(getpid(), after, sizeof after, &n_after) == 0);
    /* What getenv reads is whole again once the block moved under it. */
    if (path_before != NULL)
        cr_expect_str_eq(getenv("PATH"), path_before);
    free(path_before);
    for (char **e = *dk__environ(); *e != NULL; e++)
        cr_expect(dk__env_entry_kept(*e), "%s in environ", *e);
    cr_expect_eq(n_after, n_before, "the block keeps its size");
    size_t entries = 0;
    for (size_t at = 0; at < n_after;) {
        size_t n = strnlen(after + at, n_after - at);
        if (n > 0) {
            entries++;
            cr_expect(dk__env_entry_kept(after + at), "%s still shown",
                      after + at);
        }
        at += n + 1;
    }
    cr_expect(getenv("PATH") == NULL || entries > 0,
              "PATH was kept but is not in the block");
}

/* ---- dk__fd_above_stdio, dk__launch_claim (issue 24) --------------------- */

Test(lib_caller_state, fd_moved_off_closed_stdin)
{
    close(0);
    int fd = open("/dev/null", O_RDONLY);
    cr_assert_eq(fd, 0, "the lowest free fd was expected at 0, got %d", fd);
    int moved = dk__fd_above_stdio(fd);
    cr_assert_geq(moved, 3, "moved to %d", moved);
    cr_assert(fcntl(moved, F_GETFD) & FD_CLOEXEC, "the copy is not close-on-exec");
    cr_assert_eq(fcntl(0, F_GETFD), -1, "fd 0 was left open");
    cr_assert_eq(dk__fd_above_stdio(moved), moved, "an fd above 2 moved");
    close(moved);
}

Test(lib_caller_state, second_claim_refused_until_released)
{
    dk_error err;
    cr_assert_eq(dk__launch_claim(&err), DK_OK);
    cr_assert_eq(dk__launch_claim(&err), DK_ESTATE, "a second claim was let through");
    cr_assert_str_eq(err.step, "H11");
    cr_assert(strchr(err.message, '\n') == NULL, "a message of more than one line");
    dk__launch_release();
    cr_assert_eq(dk__launch_claim(&err), DK_OK, "a released claim stays taken");
    dk__launch_release();
}
