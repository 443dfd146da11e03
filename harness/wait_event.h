/* wait_event.h: internal to wait.c and its per-OS event sources.
 *
 * wait.c waits the same way on every Unix; only what wakes it differs:
 * wait_linux.c (a pidfd, inotify) and wait_kqueue.c (kqueue, on macOS and
 * FreeBSD). A watch that cannot be made has fd -1, and waiting on it is a
 * plain bounded sleep, so callers fall back to slices.
 */
#ifndef DKCHECK_WAIT_EVENT_H
#define DKCHECK_WAIT_EVENT_H

#include <stdbool.h>
#include <sys/types.h>

typedef struct dk_watch {
    int fd;      /* what to wait on, or -1 */
    int aux;     /* what else the watch holds (kqueue: the directory
                  * it keeps open; Linux: its inotify watch in the
                  * process's shared instance), or -1 */
} dk_watch;

#define DK_NO_WATCH ((dk_watch){ .fd = -1, .aux = -1 })

/* Wakes when pid exits. fd -1 with errno ESRCH when there is no such
 * process. */
dk_watch dk__watch_process(pid_t pid);

/* Wakes when an entry of directory dir is created or renamed in; with
 * writes, also (where the OS says so) when a file in it is written. */
dk_watch dk__watch_dir(const char *dir, bool writes);

/* Until w's event, or ms milliseconds; consumes the events seen. */
void dk__watch_wait(dk_watch w, int ms);

void dk__watch_close(dk_watch w);

#endif
