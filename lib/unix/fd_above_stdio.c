/* fd_above_stdio.c: a descriptor the library keeps must not sit on 0, 1 or
 * 2. A caller started with stdio closed (by cron, inetd, a careless
 * supervisor) gets its next open() there, and the daemon's redirection of
 * stdio would then close it: the PID file's lock gone with it (POSIX locks
 * drop on any close), or the launcher's readiness socket replaced by
 * /dev/null. Moved up here, the caller's descriptor table is otherwise left
 * as it was. */
#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int dk__fd_above_stdio(int fd)
{
    if (fd < 0 || fd > 2)
        return fd;
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
    int e = errno;
    close(fd);
    errno = e;
    return moved;
}
