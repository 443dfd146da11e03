/* SW2 broken: no sentinel child; the daemon stands for itself, so the PID
 * file names the daemon and ending "the sentinel" ends the daemon.
 * wraps: dk__win_sentinel_start
 */
#include "../../../lib/win/signals.h"

dk_status __wrap_dk__win_sentinel_start(HANDLE *process, DWORD *pid,
                                        dk_error *err)
{
    if (!DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(),
                         GetCurrentProcess(), process, 0, FALSE,
                         DUPLICATE_SAME_ACCESS))
        return dk__win_fail(err, DK_ESYS, "SW2", GetLastError(), "self");
    *pid = GetCurrentProcessId();
    return DK_OK;
}
