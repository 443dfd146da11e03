/* wait_linux.c: wait.c's events on Linux, from a pidfd (a process's exit)
 * and inotify (a directory's entries). */
#include "wait_event.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/syscall.h>
#include <unistd.h>

dk_watch dk__watch_process(pid_t pid)
{
    dk_watch w = DK_NO_WATCH;
    w.fd = (int)syscall(SYS_pidfd_open, pid, 0);
    return w;
}

dk_watch dk__watch_dir(const char *dir, bool writes)
{
    uint32_t mask = IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE;
    dk_watch w = DK_NO_WATCH;

    if (writes)
        mask |= IN_MODIFY;
    w.fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (w.fd >= 0 && inotify_add_watch(w.fd, dir, mask | IN_ONLYDIR) < 0) {
        close(w.fd);
        w.fd = -1;
    }
    return w;
}

/* EINTR just ends the wait early. With fd < 0 poll ignores it: a plain
 * bounded sleep. */
void dk__watch_wait(dk_watch w, int ms)
{
    struct pollfd p = { .fd = w.fd, .events = POLLIN };
    char buf[4096]
        __attribute__((aligned(__alignof__(struct inotify_event))));

    if (poll(&p, 1, ms) <= 0 || !(p.revents & POLLIN))
        return;
    /* inotify's events only say "look again": drop them. A pidfd's read
     * fails (EINVAL) and stays readable, as it should. */
    while (read(w.fd, buf, sizeof buf) > 0)
        ;
}

void dk__watch_close(dk_watch w)
{
    if (w.fd >= 0)
        close(w.fd);
}
