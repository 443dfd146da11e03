/* N1 broken: READY=1 goes to NOTIFY_SOCKET as soon as the daemon exists,
 * before its PID file holds its PID.
 * wraps: dk__pidfile_write
 */
#include "../../lib/unix/steps.h"

dk_status __real_dk__pidfile_write(int fd, const char *path, dk_error *err);

dk_status __wrap_dk__pidfile_write(int fd, const char *path, dk_error *err)
{
    dk_status st = dk__notify_systemd_ready(err);
    if (st != DK_OK)
        return st;
    return __real_dk__pidfile_write(fd, path, err);
}
