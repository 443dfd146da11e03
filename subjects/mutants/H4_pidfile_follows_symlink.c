/* H4 broken: the PID file is opened through whatever symlink stands at its
 * path, truncating the file it points to.
 * wraps: dk__pidfile_create
 */
#include "../../lib/unix/steps.h"

#include <fcntl.h>

dk_status __wrap_dk__pidfile_create(const char *path, int *fd, dk_error *err)
{
    (void)err;
    *fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    return *fd < 0 ? DK_ESYS : DK_OK;
}
