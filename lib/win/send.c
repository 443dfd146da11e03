/* Daemoniker's send on Windows: end the process the PID file names (the
 * sentinel, while signal handling runs) with the signal number as its exit
 * code. */
#include "win.h"

#include <signal.h>

dk_status dk_send(const char *pid_file, int signum, dk_error *err)
{
    if (pid_file == NULL || pid_file[0] == '\0')
        return dk__fail(err, DK_EINVAL, "send", 0, "pid_file is required");
    if (signum <= 0 || signum >= NSIG)
        return dk__fail(err, DK_EINVAL, "send", 0, "%d is not a signal", signum);
    wchar_t wide[DK_WIN_PATH];
    if (dk__win_widen(pid_file, wide, DK_WIN_PATH) < 0)
        return dk__fail(err, DK_EINVAL, "send", 0, "%s: not a valid path",
                        pid_file);
    DWORD pid;
    if (GetFileAttributesW(wide) == INVALID_FILE_ATTRIBUTES)
        return dk__win_fail(err, DK_ESYS, "send", GetLastError(),
                            "%s: cannot open PID file", pid_file);
    if (dk__win_pidfile_get(wide, &pid) < 0) {
        DWORD code = GetLastError();
        if (code != ERROR_INVALID_DATA)
            return dk__win_fail(err, DK_ESYS, "send", code,
                                "%s: cannot read PID file", pid_file);
        return dk__fail(err, DK_EINVAL, "send", 0, "%s: holds no PID", pid_file);
    }
    dk_status st = dk__win_send_target_check(pid, pid_file, err);
    if (st != DK_OK)
        return st;
    HANDLE h = OpenProcess(PROCESS_TERMINATE, FALSE, pid);
    if (h == NULL || !TerminateProcess(h, (UINT)signum)) {
        DWORD code = GetLastError();
        if (h != NULL)
            CloseHandle(h);
        return dk__win_fail(err, DK_ESYS, "send", code,
                            "%s: cannot end process %lu", pid_file,
                            (unsigned long)pid);
    }
    CloseHandle(h);
    return DK_OK;
}
