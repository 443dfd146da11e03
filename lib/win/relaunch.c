#include "steps.h"

dk_status dk__win_relaunch(const wchar_t *exe, wchar_t *cmdline,
                           PROCESS_INFORMATION *pi, dk_error *err)
{
    STARTUPINFOW si;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    /* DETACHED_PROCESS: no console, inherited or new (so no window either;
     * CREATE_NO_WINDOW would give it a hidden console instead). A process
     * group of its own: Ctrl+C and Ctrl+Break of the launcher's console do
     * not reach it. No handle is inherited. */
    DWORD flags = DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP |
                  CREATE_UNICODE_ENVIRONMENT;
    if (!CreateProcessW(exe, cmdline, NULL, NULL, FALSE, flags, NULL, NULL,
                        &si, pi)) {
        char path[DK_WIN_PATH];
        dk__win_narrow(exe, path, sizeof path);
        return dk__win_fail(err, DK_ESYS, "W2", GetLastError(),
                            "cannot relaunch %s", path);
    }
    return DK_OK;
}
