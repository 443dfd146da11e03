#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int dk__open_output(const char *path)
{
    /* Append, never truncate: a daemon restarted on its old log keeps it.
     * O_NONBLOCK: a FIFO with no reader fails at once (ENXIO) instead of
     * blocking the daemon before it could report; blocking is restored for
     * the writes. */
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NONBLOCK,
                  0644);
    if (fd >= 0 && fcntl(fd, F_SETFL, O_APPEND) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}
