/* H8 broken: send says it succeeded whatever the PID file held.
 * wraps: dk_send
 */
#include "../../lib/daemoniker.h"

dk_status __real_dk_send(const char *pid_file, int signum, dk_error *err);

dk_status __wrap_dk_send(const char *pid_file, int signum, dk_error *err)
{
    __real_dk_send(pid_file, signum, err);
    return DK_OK;
}
