/* U1 broken: the PID file is opened whether or not it exists, truncated,
 * and never locked, so a second launch takes it over.
 * wraps: dk__pidfile_create dk__pidfile_lock
 */
#include "../../lib/unix/steps.h"

#include <fcntl.h>

dk_status __wrap_dk__pidfile_create(const char *path, int *fd, dk_error *err)
{
    (void)err;
    *fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    return *fd < 0 ? DK_ESYS : DK_OK;
}

/* Never locked: the daemon's own lock would make a second daemon wait for
 * the first, and its launcher give up, refusing the second launch after
 * all. */
int __wrap_dk__pidfile_lock(int fd, bool wait)
{
    (void)fd;
    (void)wait;
    return 0;
}
