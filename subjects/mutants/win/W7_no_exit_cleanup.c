/* W7 broken: no cleanup is registered, so the PID file outlives the daemon.
 * wraps: dk__win_cleanup_register
 */
#include "../../../lib/win/steps.h"

void __wrap_dk__win_cleanup_register(const char *path)
{
    (void)path;
}
