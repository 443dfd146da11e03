/* D12 broken: the PID file is just written: opened and truncated whether
 * or not it exists, and never locked, so a second launch starts a second
 * daemon that takes the file over (no check at all, where D12's other
 * mutant checks first and races).
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

int __wrap_dk__pidfile_lock(int fd, bool wait)
{
    (void)fd;
    (void)wait;
    return 0;
}
