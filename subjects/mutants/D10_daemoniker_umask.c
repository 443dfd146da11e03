/* D10 broken: asked for daemon(7)'s behaviour, the daemon still sets
 * Daemoniker's default umask instead of 0.
 * wraps: dk__umask_chdir
 */
#include "../../lib/daemoniker.h"

dk_status __real_dk__umask_chdir(int mask, const char *dir, dk_error *err);

dk_status __wrap_dk__umask_chdir(int mask, const char *dir, dk_error *err)
{
    return __real_dk__umask_chdir(mask == 0 ? DK_DEFAULT_UMASK : mask, dir,
                                  err);
}
