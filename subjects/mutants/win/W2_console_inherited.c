/* W2 broken: the relaunch is not detached; it shares the launcher's
 * console (a new process group still).
 * wraps: dk__win_relaunch
 */
#include "../../../lib/win/steps.h"

dk_status __wrap_dk__win_relaunch(const wchar_t *exe, wchar_t *cmdline,
                                  PROCESS_INFORMATION *pi, dk_error *err)
{
    STARTUPINFOW si;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    if (!CreateProcessW(exe, cmdline, NULL, NULL, FALSE,
                        CREATE_NEW_PROCESS_GROUP | CREATE_UNICODE_ENVIRONMENT,
                        NULL, NULL, &si, pi))
        return dk__win_fail(err, DK_ESYS, "W2", GetLastError(), "relaunch");
    return DK_OK;
}
