/* U3 broken: one fork and setsid(), no second fork: the daemon leads its
 * session and could acquire a terminal again.
 * wraps: dk__detach
 */
#include "../../lib/unix/steps.h"

#include <sys/socket.h>
#include <unistd.h>

dk_status __wrap_dk__detach(const char *pid_file, const dk_daemon_fds *fds,
                            bool *is_launcher, int *report_fd, dk_error *err)
{
    (void)pid_file;
    (void)fds;
    (void)err;
    int p[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, p) < 0)
        return DK_ESYS;
    pid_t child = fork();
    if (child < 0)
        return DK_ESYS;
    *is_launcher = child > 0;
    *report_fd = child > 0 ? p[0] : p[1];
    close(child > 0 ? p[1] : p[0]);
    if (child == 0)
        setsid();
    return DK_OK;
}
