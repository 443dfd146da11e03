/* Which process `send` may end. On Windows, send is TerminateProcess, which
 * would end any process the PID file happens to name: a stale file whose
 * PID Windows gave to another program, or a file someone wrote. Only a
 * live process of this same program is a daemon of ours (the daemon, or
 * its sentinel, which runs the same executable): anything else is refused. */
#include "win.h"

#include <wchar.h>

dk_status dk__win_send_target_check(DWORD pid, const char *pid_file,
                                    dk_error *err)
{
    HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    if (h == NULL) {
        /* ERROR_INVALID_PARAMETER is how Windows says no such process. */
        DWORD code = GetLastError();
        if (code == ERROR_INVALID_PARAMETER)
            return dk__win_fail(err, DK_ESYS, "send", code,
                                "%s: names process %lu, which is not running",
                                pid_file, (unsigned long)pid);
        return dk__win_fail(err, DK_ESYS, "send", code,
                            "%s: cannot open process %lu", pid_file,
                            (unsigned long)pid);
    }
    wchar_t theirs[DK_WIN_PATH], ours[DK_WIN_PATH];
    DWORD n = DK_WIN_PATH, exit_code, code = 0;
    const char *what = NULL;
    BOOL alive = FALSE;
    if (!GetExitCodeProcess(h, &exit_code))
        what = "cannot tell whether it runs", code = GetLastError();
    else if ((alive = exit_code == STILL_ACTIVE) &&
             !QueryFullProcessImageNameW(h, 0, theirs, &n))
        what = "cannot tell which program it runs", code = GetLastError();
    CloseHandle(h);
    if (what == NULL && !alive)
        return dk__fail(err, DK_ESYS, "send", 0,
                        "%s: names process %lu, which is not running",
                        pid_file, (unsigned long)pid);
    if (what == NULL) {
        DWORD got = GetModuleFileNameW(NULL, ours, DK_WIN_PATH);
        if (got == 0 || got >= DK_WIN_PATH)
            what = "cannot compare it with this program",
            code = got ? ERROR_INSUFFICIENT_BUFFER : GetLastError();
    }
    if (what != NULL)
        return dk__win_fail(err, DK_ESYS, "send", code, "%s: process %lu: %s",
                            pid_file, (unsigned long)pid, what);
    if (_wcsicmp(theirs, ours) != 0)
        return dk__fail(err, DK_EINVAL, "send", 0,
                        "%s: names process %lu, which is not a daemon of this "
                        "program", pid_file, (unsigned long)pid);
    return DK_OK;
}
