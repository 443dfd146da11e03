/* U2 broken: cleanup runs in the wrong process; the launcher removes the
 * PID file on its way out.
 * wraps: dk__detach
 */
#include "../../lib/unix/steps.h"

#include <unistd.h>

dk_status __real_dk__detach(const char *pid_file, const dk_daemon_fds *fds,
                            bool *is_launcher, int *report_fd, dk_error *err);

dk_status __wrap_dk__detach(const char *pid_file, const dk_daemon_fds *fds,
                            bool *is_launcher, int *report_fd, dk_error *err)
{
    dk_status st = __real_dk__detach(pid_file, fds, is_launcher, report_fd, err);
    if (st == DK_OK && *is_launcher)
        unlink(pid_file);
    return st;
}
