/* pipes_fcntl.c: pipes.h where there is no pipe2 (macOS): the flags are
 * set on each end right after the pipe is made. */
#include "pipes.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

static int set_flags(int fd, int flags)
{
    if ((flags & O_CLOEXEC) && fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
        return -1;
    if (flags & O_NONBLOCK) {
        int fl = fcntl(fd, F_GETFL);
        if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
            return -1;
    }
    return 0;
}

int dk_pipe(int p[2], int flags)
{
    if (pipe(p) < 0)
        return -1;
    if (set_flags(p[0], flags) < 0 || set_flags(p[1], flags) < 0) {
        int e = errno;
        close(p[0]);
        close(p[1]);
        errno = e;
        return -1;
    }
    return 0;
}
