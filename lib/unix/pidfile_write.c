#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

dk_status dk__pidfile_write(int fd, const char *path, dk_error *err)
{
    /* The daemon's own lock (a POSIX lock is not inherited): it waits for
     * the launcher's, released when the launcher closes its fd after the
     * fork; from here to the daemon's end the holder is the PID written. */
    if (dk__pidfile_lock(fd, true) < 0)
        return dk__fail(err, DK_ESYS, "U5", errno, "%s: lock", path);
    char line[32];
    int n = snprintf(line, sizeof line, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) < 0)
        return dk__fail(err, DK_ESYS, "U5", errno, "%s: truncate", path);
    ssize_t w = pwrite(fd, line, (size_t)n, 0);
    if (w != n)
        return dk__fail(err, DK_ESYS, "U5", w < 0 ? errno : EIO,
                        "%s: write PID", path);
    return DK_OK;
}
