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

/* One inotify instance for the process, its watches added and removed:
 * closing an instance waits for an SRCU grace period in the kernel
 * (fsnotify's group teardown), measured at 13 to 16 ms a close on this
 * machine, which each dk_wait_file_contains of a SU case paid. Removing a
 * watch does not wait. The instance is the process's own (a forked child
 * makes its own: a shared one would mix their events) and serves one
 * watch at a time; a watch made while it is in use gets an instance of
 * its own, closed as before. */
static struct {
    int fd;
    pid_t owner;
    bool busy;
} shared = { .fd = -1 };

/* Read and drop every queued event. */
static void drain(int fd)
{
    char buf[4096]
        __attribute__((aligned(__alignof__(struct inotify_event))));
    while (read(fd, buf, sizeof buf) > 0)
        ;
}

dk_watch dk__watch_dir(const char *dir, bool writes)
{
    uint32_t mask = IN_CREATE | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ONLYDIR;
    dk_watch w = DK_NO_WATCH;

    if (writes)
        mask |= IN_MODIFY;
    if (shared.fd >= 0 && shared.owner != getpid())
        shared.fd = -1;         /* the parent's, still open here: left be */
    if (shared.fd < 0) {
        shared.fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
        shared.owner = getpid();
        shared.busy = false;
    }
    if (shared.fd >= 0 && !shared.busy) {
        drain(shared.fd);       /* what an earlier watch left */
        w.aux = inotify_add_watch(shared.fd, dir, mask);
        if (w.aux >= 0) {
            w.fd = shared.fd;
            shared.busy = true;
        }
        return w;
    }
    w.fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (w.fd >= 0 && inotify_add_watch(w.fd, dir, mask) < 0) {
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

    if (poll(&p, 1, ms) <= 0 || !(p.revents & POLLIN))
        return;
    /* inotify's events only say "look again": drop them. A pidfd's read
     * fails (EINVAL) and stays readable, as it should. */
    drain(w.fd);
}

void dk__watch_close(dk_watch w)
{
    if (w.fd >= 0 && w.fd == shared.fd && w.aux >= 0 &&
        shared.owner == getpid()) {
        /* Fails harmlessly where the directory went (its watch with it). */
        inotify_rm_watch(w.fd, w.aux);
        drain(w.fd);
        shared.busy = false;
        return;
    }
    if (w.fd >= 0)
        close(w.fd);
}
