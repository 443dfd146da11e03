/* notify_fd.c: s6's readiness protocol: the supervisor's fd gets one
 * newline, then is closed, so the supervisor also sees end of file. */
#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static int pending = -1;

dk_status dk__notify_fd_keep(int fd, dk_error *err)
{
    /* Nothing the daemon executes may hold the supervisor's fd. */
    int flags = fcntl(fd, F_GETFD);
    if (flags < 0 || fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0)
        return dk__fail(err, DK_ESYS, "N2", errno, "notify fd %d", fd);
    pending = fd;
    return DK_OK;
}

dk_status dk__notify_fd_ready(dk_error *err)
{
    if (pending < 0)
        return DK_OK;
    int fd = pending;
    pending = -1;
    ssize_t n;
    while ((n = write(fd, "\n", 1)) < 0 && errno == EINTR)
        ;
    int e = errno;
    close(fd);
    if (n != 1)
        return dk__fail(err, DK_ESYS, "N2", n < 0 ? e : EIO,
                        "cannot write the readiness line to notify fd %d", fd);
    return DK_OK;
}
