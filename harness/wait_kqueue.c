/* wait_kqueue.c: wait.c's events on macOS and FreeBSD, from kqueue:
 * EVFILT_PROC/NOTE_EXIT for a process's exit, EVFILT_VNODE/NOTE_WRITE on a
 * directory for entries created or renamed in it.
 *
 * kqueue does not report writes to a file through its directory, so
 * dk_wait_file_contains relies on wait.c's slices for those; that is the
 * "where the OS says so" of wait_event.h. FreeBSD: written against the
 * kqueue(2) manual and not compiled here (no FreeBSD toolchain). */
#include "wait_event.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/event.h>
#include <sys/time.h>
#include <unistd.h>

/* macOS opens a directory for events only (it does not keep a volume
 * busy) with O_EVTONLY; FreeBSD has no such flag and reads it. */
#ifndef O_EVTONLY
#define O_EVTONLY O_RDONLY
#endif

dk_watch dk__watch_process(pid_t pid)
{
    dk_watch w = DK_NO_WATCH;
    struct kevent ev;

    w.fd = kqueue();
    if (w.fd < 0)
        return w;
    EV_SET(&ev, pid, EVFILT_PROC, EV_ADD | EV_ONESHOT, NOTE_EXIT, 0, NULL);
    if (kevent(w.fd, &ev, 1, NULL, 0, NULL) < 0) {
        int e = errno;     /* ESRCH: no such process */
        close(w.fd);
        w.fd = -1;
        errno = e;
    }
    return w;
}

dk_watch dk__watch_dir(const char *dir, bool writes)
{
    dk_watch w = DK_NO_WATCH;
    struct kevent ev;

    (void)writes;      /* kqueue has no event for them: see above */
    w.aux = open(dir, O_EVTONLY | O_DIRECTORY | O_CLOEXEC);
    if (w.aux < 0)
        return w;
    w.fd = kqueue();
    /* EV_CLEAR: each wait sees only what happened since the last. */
    EV_SET(&ev, w.aux, EVFILT_VNODE, EV_ADD | EV_CLEAR,
           NOTE_WRITE | NOTE_EXTEND | NOTE_DELETE | NOTE_RENAME, 0, NULL);
    if (w.fd < 0 || kevent(w.fd, &ev, 1, NULL, 0, NULL) < 0) {
        dk__watch_close(w);
        return DK_NO_WATCH;
    }
    return w;
}

void dk__watch_wait(dk_watch w, int ms)
{
    struct timespec t = { .tv_sec = ms / 1000,
                          .tv_nsec = (long)(ms % 1000) * 1000000L };
    struct kevent ev;

    if (w.fd < 0) {
        nanosleep(&t, NULL);      /* no watch: a bounded slice */
        return;
    }
    /* EINTR just ends the wait early; the event itself only says "look
     * again". */
    kevent(w.fd, NULL, 0, &ev, 1, &t);
}

void dk__watch_close(dk_watch w)
{
    if (w.fd >= 0)
        close(w.fd);
    if (w.aux >= 0)
        close(w.aux);
}
