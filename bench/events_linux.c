/* events_linux.c: one launcher's two events, timestamped as they come:
 * its ready file appearing (inotify on the directory, so the subject's
 * rename wakes us at once) and its exit (a pidfd). */
#include "events.h"

#include "../harness/wait.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int bench_watch(const char *dir)
{
    int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (fd >= 0 && inotify_add_watch(fd, dir, IN_CREATE | IN_MOVED_TO) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool names_ready(int inotify, const char *name)
{
    char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
    bool seen = false;
    ssize_t n;
    while ((n = read(inotify, buf, sizeof buf)) > 0)
        for (char *p = buf; p < buf + n;) {
            struct inotify_event *e = (struct inotify_event *)p;
            seen = seen || (e->len > 0 && strcmp(e->name, name) == 0);
            p += sizeof *e + e->len;
        }
    return seen;
}

/* Both events, or the launcher's failure, or the deadline. */
static bool done(const bench_events *ev)
{
    bool failed = ev->exited && !(WIFEXITED(ev->status) &&
                                  WEXITSTATUS(ev->status) == 0);
    return (ev->ready && (ev->exited || !ev->need_exit)) || failed;
}

int bench_wait_events(int inotify, const char *ready_name, pid_t launcher,
                      bench_events *ev, double deadline_s)
{
    int pidfd = (int)syscall(SYS_pidfd_open, launcher, 0);
    if (pidfd < 0)
        return -1;
    dk_deadline d = dk_deadline_in(deadline_s);
    while (!done(ev)) {
        struct pollfd p[2] = {
            {.fd = inotify, .events = POLLIN},
            {.fd = ev->exited ? -1 : pidfd, .events = POLLIN},
        };
        int left = dk_deadline_left_ms(d);
        if (left == 0)
            break;
        if (poll(p, 2, left) < 0 && errno != EINTR)
            break;
        struct timespec now = bench_now();
        if ((p[0].revents & POLLIN) && !ev->ready &&
            names_ready(inotify, ready_name)) {
            ev->ready = true;
            ev->ready_at = now;
        }
        if ((p[1].revents & POLLIN) &&
            waitpid(launcher, &ev->status, WNOHANG) == launcher) {
            ev->exited = true;
            ev->exit_at = now;
        }
    }
    close(pidfd);
    return done(ev) ? 0 : -1;
}
