/* N2: s6's readiness protocol: given --notify-fd N, the daemon writes one
 * newline to fd N once its PID file is written, then closes it, so that
 * the supervisor also reads end of file.
 *
 * The fd is a FIFO the case reads. The order against the PID file is
 * forced: the FIFO is first filled to capacity (through an open of its
 * own, so the daemon's stays blocking), so a daemon writing its line
 * before its PID waits there with its PID file empty. */
#include "../harness/case.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILL_BYTE 'x'

/* The FIFO, open for reading (non-blocking) before the launcher opens it
 * for writing. */
static int open_fifo(const char **path)
{
    sandbox_require("notify-fd");
    *path = sandbox_path("notify.fifo");
    int rd;
    if (mkfifo(*path, 0600) < 0 ||
        (rd = open(*path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) < 0)
        case_broken("FIFO %s: %s", *path, strerror(errno));
    return rd;
}

/* Fill the FIFO until a write would wait; the bytes written. */
static size_t fill(const char *path)
{
    int w = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
    if (w < 0)
        case_broken("FIFO %s: %s", path, strerror(errno));
    char chunk[4096];
    memset(chunk, FILL_BYTE, sizeof chunk);
    size_t total = 0, size = sizeof chunk;
    for (;;) {
        ssize_t n = write(w, chunk, size);
        if (n > 0) {
            total += (size_t)n;
            continue;
        }
        if (n < 0 && errno == EAGAIN && size > 1) {
            size = 1; /* what a page left half full still takes */
            continue;
        }
        if (n < 0 && errno == EAGAIN)
            break;
        case_broken("filling FIFO %s: %s", path, strerror(errno));
    }
    close(w);
    return total;
}

typedef struct reading {
    size_t fill;        /* filler bytes */
    size_t newlines;
    size_t other;       /* anything else */
    bool eof;           /* every writer closed */
} reading;

/* Read until end of file or the deadline, or (stop_at_line) until the
 * first newline. */
static reading read_fifo(int rd, bool stop_at_line, double seconds)
{
    reading r = {0};
    dk_deadline d = dk_deadline_in(seconds);
    for (;;) {
        char buf[4096];
        ssize_t n = read(rd, buf, sizeof buf);
        if (n == 0) {
            r.eof = true;
            return r;
        }
        if (n > 0) {
            for (ssize_t i = 0; i < n; i++)
                buf[i] == FILL_BYTE ? r.fill++
                : buf[i] == '\n'    ? r.newlines++
                                    : r.other++;
            if (stop_at_line && r.newlines > 0)
                return r;
            continue;
        }
        if (errno != EAGAIN && errno != EINTR)
            case_broken("reading the FIFO: %s", strerror(errno));
        struct pollfd p = {.fd = rd, .events = POLLIN};
        if (dk_deadline_passed(d) || poll(&p, 1, dk_deadline_left_ms(d)) == 0)
            return r;
    }
}

DK_CASE(N2, N2_line_after_pidfile)
{
    const char *fifo;
    int rd = open_fifo(&fifo);
    size_t filled = fill(fifo);
    launch_spec spec = {.notify_fifo = fifo};
    launch *l = case_start(&spec);
    long pid = case_wait_pidfile_pid(l->pidfile, CASE_DEADLINE);
    const char *idle = pid > 0 ? NULL : case_idle();
    if (pid <= 0 && idle == NULL)
        case_inconclusive(CASE_DEADLINE, "a PID in %s while the notify fd "
                          "was full (living, not idle: [%s])", l->pidfile,
                          case_describe_living());
    cr_assert(pid > 0, "the PID file %s held no PID within %gs while the "
              "notify fd was full (a daemon writing its line before its PID "
              "waits there with the PID file empty); living: [%s], %s",
              l->pidfile, CASE_DEADLINE, case_describe_living(), idle);
    reading r = read_fifo(rd, true, CASE_DEADLINE);
    if (r.newlines == 0 && !r.eof)
        case_evidence((pid_t)pid, 0, CASE_DEADLINE, "the daemon's line on "
                      "the notify fd");
    cr_expect(r.fill == filled && r.other == 0,
              "the notify fd carried %zu filler and %zu other bytes besides "
              "newlines; expected only the %zu filler bytes dkcheck wrote",
              r.fill, r.other, filled);
    cr_expect(r.newlines == 1, "expected the daemon's newline on the notify "
              "fd once its PID file named %ld; got %zu newlines%s", pid,
              r.newlines, r.eof ? " and end of file" : "");
    pid_t daemon = case_daemon(l);
    cr_expect(daemon == (pid_t)pid, "the PID file named %ld when the line "
              "came; the daemon is %d", pid, (int)daemon);
    close(rd);
}

DK_CASE(N2, N2_line_once_then_closed)
{
    const char *fifo;
    int rd = open_fifo(&fifo);
    launch_spec spec = {.notify_fifo = fifo};
    pid_t daemon = case_run(&spec, NULL);
    reading r = read_fifo(rd, false, CASE_DEADLINE);
    /* No end of file: someone holds the FIFO. That is evidence once
     * every process of the case sleeps, not while any may still be
     * closing it. */
    const char *idle = r.eof ? NULL : case_idle();
    if (!r.eof && idle == NULL)
        case_inconclusive(CASE_DEADLINE, "end of file on the notify fd "
                          "(living, not idle: [%s])", case_describe_living());
    cr_expect(r.newlines == 1 && r.other == 0 && r.fill == 0,
              "expected exactly one newline on the notify fd; got %zu "
              "newlines and %zu other bytes", r.newlines, r.other + r.fill);
    /* Whoever still holds it, the observer says whether the daemon does. */
    size_t n = 0;
    obs_fd *fds = obs_list_all_fds(daemon, &n);
    for (size_t i = 0; fds != NULL && i < n; i++)
        cr_expect(!case_fd_is(daemon, fds[i].fd, fifo, NULL),
                  "the daemon %d still has the notify fd open as fd %d after "
                  "its line", (int)daemon, fds[i].fd);
    free(fds);
    cr_expect(r.eof, "no end of file on the notify fd within %gs of the "
              "line: a process still holds it open; living: [%s], %s",
              CASE_DEADLINE, case_describe_living(), idle);
    close(rd);
}
