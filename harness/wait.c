/* wait.c: wait.h on every Unix. The events come from the OS's backend
 * (wait_event.h: wait_linux.c with pidfds and inotify, wait_kqueue.c with
 * kqueue on macOS and FreeBSD); polling only where the kernel gives no
 * event, and then in bounded slices. */
#include "wait.h"

#include "observe.h"
#include "reaped.h"
#include "run_config.h"
#include "wait_event.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum {
    SLICE_MS = 16,                 /* longest blind wait for an event */
    REAPED_MAX = 256,
    FILE_MAX = 4 << 20,            /* dk_wait_file_contains reads this much */
};

/* The only global state: statuses of children we reaped, newest last.
 * Not thread-safe; the harness waits from one thread. */
static struct {
    pid_t pid;
    int status;
} reaped[REAPED_MAX];
static unsigned reaped_next;

void dk__record_reaped(pid_t pid, int status)
{
    reaped[reaped_next % REAPED_MAX].pid = pid;
    reaped[reaped_next % REAPED_MAX].status = status;
    reaped_next++;
}

bool dk_reaped_status(pid_t pid, int *status)
{
    /* Newest first: a recycled pid answers with its latest life. */
    for (unsigned i = 0; i < REAPED_MAX && i < reaped_next; i++) {
        unsigned k = (reaped_next - 1 - i) % REAPED_MAX;
        if (reaped[k].pid == pid) {
            if (status)
                *status = reaped[k].status;
            return true;
        }
    }
    return false;
}

bool dk__reap_children(void)
{
    int st;
    pid_t r;

    while ((r = waitpid(-1, &st, WNOHANG)) > 0 || (r < 0 && errno == EINTR))
        if (r > 0)
            dk__record_reaped(r, st);
    return !(r < 0 && errno == ECHILD);
}

void dk_reap_exited(void)
{
    int e = errno;
    dk__reap_children();
    errno = e;
}


dk_deadline dk_deadline_in(double seconds)
{
    double s = dk_deadline_seconds(seconds);
    dk_deadline d;
    time_t whole;

    if (!(s > 0))               /* negative or NaN: already due */
        s = 0;
    if (s > 1e9)
        s = 1e9;
    whole = (time_t)s;
    clock_gettime(CLOCK_MONOTONIC, &d.at);
    d.at.tv_sec += whole;
    d.at.tv_nsec += (long)((s - (double)whole) * 1e9);
    if (d.at.tv_nsec >= 1000000000L) {
        d.at.tv_sec++;
        d.at.tv_nsec -= 1000000000L;
    }
    return d;
}

int dk_deadline_left_ms(dk_deadline d)
{
    struct timespec now;
    int64_t ns, ms;

    clock_gettime(CLOCK_MONOTONIC, &now);
    ns = (int64_t)(d.at.tv_sec - now.tv_sec) * 1000000000 +
         (d.at.tv_nsec - now.tv_nsec);
    if (ns <= 0)
        return 0;
    /* Round up, so a wait of the remaining time ends past the deadline
     * instead of spinning on a 0 ms timeout just before it. */
    ms = (ns + 999999) / 1000000;
    return ms > INT_MAX ? INT_MAX : (int)ms;
}

bool dk_deadline_passed(dk_deadline d)
{
    return dk_deadline_left_ms(d) == 0;
}

static int min_int(int a, int b)
{
    return a < b ? a : b;
}

/* ---- processes ---------------------------------------------------------- */

int dk_wait_child(pid_t pid, int *status, dk_deadline d)
{
    int st, backoff = 1;
    dk_watch w;

    if (pid <= 0) {             /* waitpid would take any child */
        errno = EINVAL;
        return -1;
    }
    /* Without a watch (none on this kernel, or ESRCH: then waitpid says
     * ECHILD) we fall back to a bounded backoff. */
    w = dk__watch_process(pid);
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        int left;

        if (r == pid) {
            dk__record_reaped(pid, st);
            if (status)
                *status = st;
            dk__watch_close(w);
            return 0;
        }
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            dk__watch_close(w);
            /* Another reap loop may have taken it first. */
            if (e == ECHILD && dk_reaped_status(pid, status))
                return 0;
            errno = e;
            return -1;
        }
        left = dk_deadline_left_ms(d);
        if (left == 0) {
            dk__watch_close(w);
            errno = ETIMEDOUT;
            return -1;
        }
        if (w.fd >= 0) {
            dk__watch_wait(w, left);
        } else {
            dk__watch_wait(w, min_int(backoff, left));
            backoff = min_int(2 * backoff, SLICE_MS);
        }
    }
}

bool dk_wait_gone(pid_t pid, int *status, bool *reaped_out, dk_deadline d)
{
    bool gone = false, vanished;
    dk_watch w;
    int st;

    if (reaped_out)
        *reaped_out = false;
    if (pid <= 0) {
        errno = EINVAL;
        return false;
    }
    w = dk__watch_process(pid);
    vanished = w.fd < 0 && errno == ESRCH;
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        int left;

        if (r == pid) {
            dk__record_reaped(pid, st);
            if (status)
                *status = st;
            if (reaped_out)
                *reaped_out = true;
            gone = true;
            break;
        }
        if (r < 0 && errno == EINTR)
            continue;
        /* r < 0: not our child (yet); a zombie of another parent is gone. */
        if (vanished || (r < 0 && !obs_alive(pid))) {
            /* Only a pid with no process at all can be one we reaped
             * earlier; a live pid is someone else's now. */
            if (vanished && dk_reaped_status(pid, status) && reaped_out)
                *reaped_out = true;
            gone = true;
            break;
        }
        left = dk_deadline_left_ms(d);
        if (left == 0)
            break;
        /* The watch wakes us at exit; the slice notices a reparenting to
         * us (and covers a missing watch). */
        dk__watch_wait(w, min_int(left, SLICE_MS));
    }
    dk__watch_close(w);
    return gone;
}

/* ---- files -------------------------------------------------------------- */

/* A watch on the directory of path ("." or "/" where it has no other). */
static dk_watch watch_dir_of(const char *path, bool writes)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 1;
    char dir[PATH_MAX];

    if (n >= sizeof dir)
        return DK_NO_WATCH;
    if (!slash)
        memcpy(dir, ".", 2);
    else if (n == 0)
        memcpy(dir, "/", 2);
    else {
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    return dk__watch_dir(dir, writes);
}

static bool exists(const char *path)
{
    struct stat st;
    return fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

bool dk_wait_file(const char *path, dk_deadline d)
{
    dk_watch w = watch_dir_of(path, false);
    bool found;

    /* Checked after the watch is in place, so a creation between the check
     * and the poll still wakes us. */
    while (!(found = exists(path))) {
        int left = dk_deadline_left_ms(d);
        if (left == 0)
            break;
        dk__watch_wait(w, w.fd >= 0 ? left : min_int(left, SLICE_MS));
    }
    dk__watch_close(w);
    return found;
}

static bool file_contains(const char *path, const char *needle)
{
    /* O_NONBLOCK: a FIFO put there must not block us. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    size_t len = 0, cap = 0;
    char *buf = NULL;
    bool found = false;

    if (fd < 0)
        return false;
    while (len < FILE_MAX) {
        ssize_t n;
        if (len == cap) {
            char *m = realloc(buf, cap = cap ? 2 * cap : 4096);
            if (!m)
                break;
            buf = m;
        }
        n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    found = buf && memmem(buf, len, needle, strlen(needle));
    free(buf);
    return found;
}

bool dk_wait_file_contains(const char *path, const char *needle,
                           dk_deadline d)
{
    dk_watch w = watch_dir_of(path, true);
    bool found;

    /* Slices even with a watch: a writer in another mount namespace, or
     * through a path inotify does not see, sends no event. */
    while (!(found = file_contains(path, needle))) {
        int left = dk_deadline_left_ms(d);
        if (left == 0)
            break;
        dk__watch_wait(w, min_int(left, SLICE_MS));
    }
    dk__watch_close(w);
    return found;
}

/* ---- conditions --------------------------------------------------------- */

bool dk_wait_until(bool (*pred)(void *arg), void *arg, dk_deadline d)
{
    int backoff = 1;

    for (;;) {
        int left;

        /* Our exited children would otherwise still count as processes. */
        dk_reap_exited();
        if (pred(arg))
            return true;
        left = dk_deadline_left_ms(d);
        if (left == 0)
            return false;
        dk__watch_wait(DK_NO_WATCH, min_int(backoff, left));
        backoff = min_int(2 * backoff, SLICE_MS);
    }
}
