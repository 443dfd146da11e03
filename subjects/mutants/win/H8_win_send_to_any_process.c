/* H8 broken (Windows): send ends whatever process the PID file names,
 * a daemon of this program or not.
 * wraps: dk__win_send_target_check
 */
#include "../../../lib/win/win.h"

dk_status __wrap_dk__win_send_target_check(DWORD pid, const char *pid_file,
                                           dk_error *err)
{
    (void)pid;
    (void)pid_file;
    (void)err;
    return DK_OK;
}
