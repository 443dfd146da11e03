/* W2 broken: detached, but left in the launcher's process group, so a
 * Ctrl+C there would reach the daemon.
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
                        DETACHED_PROCESS | CREATE_UNICODE_ENVIRONMENT, NULL,
                        NULL, &si, pi))
        return dk__win_fail(err, DK_ESYS, "W2", GetLastError(), "relaunch");
    return DK_OK;
}
