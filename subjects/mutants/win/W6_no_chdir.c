/* W6 broken: the daemon stays in the directory it was started in.
 * wraps: dk__win_chdir
 */
#include "../../../lib/win/steps.h"

dk_status __wrap_dk__win_chdir(const char *dir, dk_error *err)
{
    (void)dir;
    (void)err;
    return DK_OK;
}
