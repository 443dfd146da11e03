/* H8 broken: a PID file that cannot be created (missing directory, a
 * directory in its place, ...) is ignored, and the daemon starts anyway
 * with no PID file at all (and readiness, which would notice that the
 * path names no file of ours, is told all is well).
 * wraps: dk__pidfile_create dk__pidfile_write dk__pidfile_still_ours
 */
#include "../../lib/unix/steps.h"

#include <fcntl.h>

dk_status __real_dk__pidfile_create(const char *path, int *fd, dk_error *err);
dk_status __real_dk__pidfile_write(int fd, const char *path, dk_error *err);
dk_status __real_dk__pidfile_still_ours(dk_error *err);

static int no_pidfile = -1;

dk_status __wrap_dk__pidfile_create(const char *path, int *fd, dk_error *err)
{
    dk_status st = __real_dk__pidfile_create(path, fd, err);
    if (st != DK_ESYS)
        return st;
    *fd = no_pidfile = open("/dev/null", O_WRONLY | O_CLOEXEC);
    return *fd < 0 ? DK_ESYS : DK_OK;
}

dk_status __wrap_dk__pidfile_write(int fd, const char *path, dk_error *err)
{
    if (fd == no_pidfile)
        return DK_OK;
    return __real_dk__pidfile_write(fd, path, err);
}

dk_status __wrap_dk__pidfile_still_ours(dk_error *err)
{
    if (no_pidfile >= 0)
        return DK_OK;
    return __real_dk__pidfile_still_ours(err);
}
