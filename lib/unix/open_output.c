#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int dk__open_output(const char *path, bool *created)
{
    /* Append, never truncate: a daemon restarted on its old log keeps it.
     * O_NONBLOCK: a FIFO with no reader fails at once (ENXIO) instead of
     * blocking the daemon before it could report; blocking is restored for
     * the writes. An existing file is opened as it is; a missing one is
     * created with O_EXCL, so that *created is known, not guessed: a failed
     * launch removes what it created (H8) and only that. */
    const int flags = O_WRONLY | O_APPEND | O_CLOEXEC | O_NONBLOCK;
    int fd;
    *created = false;
    for (;;) {
        if ((fd = open(path, flags)) >= 0 || errno != ENOENT)
            break;
        if ((fd = open(path, flags | O_CREAT | O_EXCL, 0644)) >= 0) {
            *created = true;
            break;
        }
        if (errno != EEXIST) /* else made by another in between: open it */
            break;
    }
    if (fd >= 0 && fcntl(fd, F_SETFL, O_APPEND) < 0) {
        int e = errno;
        close(fd);
        if (*created)
            unlink(path);
        *created = false;
        errno = e;
        return -1;
    }
    return fd;
}
