/* D15 broken: the daemon tells the original process it is ready as soon
 * as it exists, then takes a while before writing its PID file, so the
 * original process exits while initialization is still going on.
 * wraps: dk__daemon_keep
 */
#include "../../lib/unix/steps.h"

#include <sys/socket.h>
#include <time.h>

size_t __real_dk__daemon_keep(const dk_daemon_fds *fds, int report_fd,
                              int *keep);

size_t __wrap_dk__daemon_keep(const dk_daemon_fds *fds, int report_fd,
                              int *keep)
{
    (void)!send(report_fd, "ok\n", 3, MSG_NOSIGNAL);
    /* The window the launcher's early exit opens, held wide. */
    struct timespec t = {.tv_sec = 0, .tv_nsec = 300000000L};
    nanosleep(&t, NULL);
    return __real_dk__daemon_keep(fds, report_fd, keep);
}
