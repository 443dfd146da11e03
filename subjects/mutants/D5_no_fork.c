/* D5 broken: no fork at all: the original process goes on as the daemon
 * (PID file, stdio, readiness, payload), so it stays in the foreground and
 * never returns to its caller. Its readiness goes to a socket of its own,
 * which nobody reads.
 * wraps: dk__detach
 */
#include "../../lib/unix/steps.h"

#include <sys/socket.h>

dk_status __wrap_dk__detach(const char *pid_file, const dk_daemon_fds *fds,
                            bool *is_launcher, int *report_fd, dk_error *err)
{
    (void)pid_file;
    (void)fds;
    (void)err;
    int p[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, p) < 0)
        return DK_ESYS;
    *is_launcher = false;
    *report_fd = p[1];
    return DK_OK;
}
