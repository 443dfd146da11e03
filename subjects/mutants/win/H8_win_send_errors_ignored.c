/* H8 broken (Windows): send exits 0 whatever happened: a signal it
 * delivers is delivered, but a missing PID file, or one holding no PID,
 * is a "success" too.
 * wraps: dk_send
 */
#include "../../../lib/win/win.h"

dk_status __real_dk_send(const char *pid_file, int signum, dk_error *err);

dk_status __wrap_dk_send(const char *pid_file, int signum, dk_error *err)
{
    __real_dk_send(pid_file, signum, err);
    return DK_OK;
}
