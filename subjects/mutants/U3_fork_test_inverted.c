/* U3 broken: the fork's result is tested the wrong way round (the parent
 * takes the "pid == 0" path): the process that was started goes on as the
 * daemon, and its child reports back and exits in its place. The caller
 * (a shell, an init script) never gets its process back.
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
    /* Meant: the parent is the launcher. */
    *is_launcher = child == 0;
    *report_fd = child == 0 ? p[0] : p[1];
    close(child == 0 ? p[1] : p[0]);
    return DK_OK;
}
