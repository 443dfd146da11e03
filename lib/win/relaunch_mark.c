#include "steps.h"

/* The relaunch inherits this process's environment, so setting the
 * variables here, for the one CreateProcess call, marks it. The pipe's
 * name goes with them so that a daemon that cannot read its state can
 * still tell the launcher why. */
dk_status dk__win_relaunch_mark(const wchar_t *state_path, const char *ack_pipe,
                                dk_error *err)
{
    wchar_t pipe[256];
    if (dk__win_widen(ack_pipe, pipe, 256) < 0)
        return dk__fail(err, DK_EINVAL, "W5", 0, "%s: not a valid pipe name",
                        ack_pipe);
    if (!SetEnvironmentVariableW(DK_WIN_ACK_VAR, pipe) ||
        !SetEnvironmentVariableW(DK_WIN_RELAUNCH_VAR, state_path)) {
        DWORD code = GetLastError();
        dk__win_relaunch_unmark();
        return dk__win_fail(err, DK_ESYS, "W5", code, "cannot set %ls",
                            DK_WIN_RELAUNCH_VAR);
    }
    return DK_OK;
}

void dk__win_relaunch_unmark(void)
{
    SetEnvironmentVariableW(DK_WIN_RELAUNCH_VAR, NULL);
    SetEnvironmentVariableW(DK_WIN_ACK_VAR, NULL);
}

bool dk__win_relaunched(wchar_t *state_path, size_t n)
{
    DWORD got = GetEnvironmentVariableW(DK_WIN_RELAUNCH_VAR, state_path,
                                        (DWORD)n);
    return got > 0 && got < n;
}

bool dk__win_relaunch_ack_pipe(char *out, size_t n)
{
    wchar_t pipe[256];
    DWORD got = GetEnvironmentVariableW(DK_WIN_ACK_VAR, pipe, 256);
    return got > 0 && got < 256 && dk__win_narrow(pipe, out, n) == 0;
}
