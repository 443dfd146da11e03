/* The PID file's content, written whole or not at all. The daemon rewrites
 * it for every sentinel (SW3, SW5), while `send` may be reading it. */
#include "win.h"

#include <stdio.h>
#include <wchar.h>

/* Windows refuses to replace a file that someone has open, even for a
 * moment (a reader of the PID file, a virus scanner): retry a little while,
 * backing off from 1 to 16 ms, about half a second in all. */
static DWORD replace(const wchar_t *tmp, const wchar_t *path)
{
    DWORD code = 0, nap = 1;
    for (int attempt = 0; attempt < 40; attempt++) {
        if (MoveFileExW(tmp, path, MOVEFILE_REPLACE_EXISTING))
            return 0;
        code = GetLastError();
        if (code != ERROR_ACCESS_DENIED && code != ERROR_SHARING_VIOLATION)
            break;
        Sleep(nap);
        nap = nap < 16 ? nap * 2 : 16;
    }
    return code;
}

int dk__win_pidfile_tmp(const wchar_t *path, DWORD writer, wchar_t *tmp)
{
    return _snwprintf(tmp, DK_WIN_PATH, L"%ls.tmp.%lu", path,
                      (unsigned long)writer) < 0 ? -1 : 0;
}

DWORD dk__win_pidfile_put(const wchar_t *path, DWORD pid)
{
    wchar_t tmp[DK_WIN_PATH];
    if (dk__win_pidfile_tmp(path, GetCurrentProcessId(), tmp) < 0)
        return ERROR_FILENAME_EXCED_RANGE;
    HANDLE h = CreateFileW(tmp, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return GetLastError();
    char line[16];
    int n = snprintf(line, sizeof line, "%lu\n", (unsigned long)pid);
    DWORD wrote = 0;
    BOOL ok = WriteFile(h, line, (DWORD)n, &wrote, NULL) && wrote == (DWORD)n;
    DWORD code = ok ? 0 : GetLastError();
    CloseHandle(h);
    if (ok)
        code = replace(tmp, path);
    if (code != 0)
        DeleteFileW(tmp);
    return code;
}

int dk__win_pidfile_get(const wchar_t *path, DWORD *pid)
{
    HANDLE h = CreateFileW(path, GENERIC_READ,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    char buf[32];
    DWORD got = 0;
    BOOL ok = ReadFile(h, buf, sizeof buf, &got, NULL);
    DWORD code = ok ? 0 : GetLastError();
    CloseHandle(h);
    long value;
    if (!ok) {
        SetLastError(code);
        return -1;
    }
    if (dk__pidfile_parse(buf, got, &value) < 0) {
        SetLastError(ERROR_INVALID_DATA);
        return -1;
    }
    *pid = (DWORD)value;
    return 0;
}
