/* D11 broken: the daemon stays in the launcher's working directory instead
 * of changing to the root directory.
 * wraps: dk__umask_chdir
 */
#include "../../lib/daemoniker.h"

dk_status __real_dk__umask_chdir(int mask, const char *dir, dk_error *err);

dk_status __wrap_dk__umask_chdir(int mask, const char *dir, dk_error *err)
{
    (void)dir;
    return __real_dk__umask_chdir(mask, ".", err);
}
