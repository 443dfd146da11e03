/* N2 broken: a copy of the notify fd stays open in the daemon after the
 * line, so the supervisor never reads end of file.
 * wraps: dk__notify_fd_keep
 */
#include "../../lib/unix/steps.h"

#include <fcntl.h>

dk_status __real_dk__notify_fd_keep(int fd, dk_error *err);

dk_status __wrap_dk__notify_fd_keep(int fd, dk_error *err)
{
    (void)fcntl(fd, F_DUPFD_CLOEXEC, 100);
    return __real_dk__notify_fd_keep(fd, err);
}
