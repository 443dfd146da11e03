/* H4 broken: the PID file is left writable by everyone.
 * wraps: dk__pidfile_create
 */
#include "../../lib/unix/steps.h"

#include <sys/stat.h>

dk_status __real_dk__pidfile_create(const char *path, int *fd, dk_error *err);

dk_status __wrap_dk__pidfile_create(const char *path, int *fd, dk_error *err)
{
    dk_status st = __real_dk__pidfile_create(path, fd, err);
    if (st == DK_OK)
        fchmod(*fd, 0666);
    return st;
}
