/* W10, daemon side: one line on the launcher's pipe, "ok" or "err WHY". */
#include "steps.h"

#include <stdio.h>

/* 0, or the Windows error that kept the line from the launcher. */
static DWORD send_line(const char *pipe_name, const char *line)
{
    wchar_t name[256];
    if (pipe_name == NULL || dk__win_widen(pipe_name, name, 256) < 0)
        return ERROR_INVALID_NAME;
    HANDLE h = CreateFileW(name, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    /* The launcher has a single instance listening; busy means another
     * client got there first, which a moment's wait settles. */
    if (h == INVALID_HANDLE_VALUE && GetLastError() == ERROR_PIPE_BUSY &&
        WaitNamedPipeW(name, 2000))
        h = CreateFileW(name, GENERIC_WRITE, 0, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        /* No such pipe: the launcher is gone, nobody is left to tell. */
        DWORD code = GetLastError();
        return code == ERROR_FILE_NOT_FOUND ? 0 : code;
    }
    DWORD wrote = 0, n = (DWORD)strlen(line);
    DWORD code = WriteFile(h, line, n, &wrote, NULL) && wrote == n
        ? 0 : GetLastError();
    FlushFileBuffers(h);
    CloseHandle(h);
    return code;
}

DWORD dk__win_ack_ready(const char *pipe_name)
{
    return send_line(pipe_name, "ok\n");
}

void dk__win_ack_failure(const char *pipe_name, const dk_error *err)
{
    char line[DK_ERROR_MAX + 8];
    snprintf(line, sizeof line, "err %s\n", err->message);
    send_line(pipe_name, line);
}
