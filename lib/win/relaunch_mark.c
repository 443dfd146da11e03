#include "steps.h"

/* The relaunch inherits this process's environment, so setting the
 * variable here, for the one CreateProcess call, marks it. */
dk_status dk__win_relaunch_mark(const wchar_t *state_path, dk_error *err)
{
    if (!SetEnvironmentVariableW(DK_WIN_RELAUNCH_VAR, state_path))
        return dk__win_fail(err, DK_ESYS, "W5", GetLastError(),
                            "cannot set %ls", DK_WIN_RELAUNCH_VAR);
    return DK_OK;
}

void dk__win_relaunch_unmark(void)
{
    SetEnvironmentVariableW(DK_WIN_RELAUNCH_VAR, NULL);
}

bool dk__win_relaunched(wchar_t *state_path, size_t n)
{
    DWORD got = GetEnvironmentVariableW(DK_WIN_RELAUNCH_VAR, state_path,
                                        (DWORD)n);
    return got > 0 && got < n;
}
