/* SW3 broken: the sentinel runs, but the PID file is not overwritten with
 * its PID (it keeps the daemon's).
 * wraps: dk__win_sentinel_publish
 */
#include "../../../lib/win/signals.h"
#include "../../../lib/win/steps.h"

dk_status __wrap_dk__win_sentinel_publish(const wchar_t *pid_file, DWORD pid,
                                          dk_error *err)
{
    (void)pid_file;
    (void)err;
    dk__win_cleanup_sentinel(pid);
    return DK_OK;
}
