#include "steps.h"

#include <fcntl.h>
#include <io.h>
#include <stdio.h>

/* Input must exist (there is nothing to read otherwise); output is created
 * when missing and appended to, never truncated. */
static HANDLE open_target(const char *path, bool output, DWORD *code)
{
    wchar_t wide[DK_WIN_PATH];
    if (path == NULL)
        wcscpy(wide, L"NUL");
    else if (dk__win_widen(path, wide, DK_WIN_PATH) < 0) {
        *code = ERROR_INVALID_NAME;
        return INVALID_HANDLE_VALUE;
    }
    DWORD share = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
    HANDLE h = output
        ? CreateFileW(wide, FILE_APPEND_DATA | FILE_READ_ATTRIBUTES | SYNCHRONIZE,
                      share, NULL, OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL)
        : CreateFileW(wide, GENERIC_READ, share, NULL, OPEN_EXISTING,
                      FILE_ATTRIBUTE_NORMAL, NULL);
    *code = h == INVALID_HANDLE_VALUE ? GetLastError() : 0;
    return h;
}

/* The handle becomes the C runtime's fd and the process's standard handle,
 * and the stream is bound to that fd, so that printf, write(1) and
 * WriteFile(GetStdHandle()) all end up in the same place. */
static dk_status point(FILE *stream, int fd, DWORD std, const char *path,
                       bool output, dk_error *err)
{
    const char *shown = path ? path : "NUL";
    DWORD code;
    HANDLE h = open_target(path, output, &code);
    if (h == INVALID_HANDLE_VALUE)
        return dk__win_fail(err, DK_ESYS, "W8", code, "%s: cannot open for %s",
                            shown, output ? "output" : "input");
    int flags = output ? _O_WRONLY | _O_APPEND | _O_BINARY : _O_RDONLY | _O_BINARY;
    int tmp = _open_osfhandle((intptr_t)h, flags);
    if (tmp < 0) {
        CloseHandle(h);
        return dk__fail(err, DK_ESYS, "W8", errno, "%s: no C runtime fd", shown);
    }
    if (tmp != fd) {
        int moved = _dup2(tmp, fd);
        _close(tmp);
        if (moved < 0)
            return dk__fail(err, DK_ESYS, "W8", errno, "%s: cannot become fd %d",
                            shown, fd);
    }
    SetStdHandle(std, (HANDLE)_get_osfhandle(fd));
    dk__win_stream_rebind(stream, fd);
    return DK_OK;
}

dk_status dk__win_redirect_stdio(const char *in, const char *out,
                                 const char *errpath, dk_error *err)
{
    fflush(NULL);
    dk_status st;
    if ((st = point(stdin, 0, STD_INPUT_HANDLE, in, false, err)) ||
        (st = point(stdout, 1, STD_OUTPUT_HANDLE, out, true, err)) ||
        (st = point(stderr, 2, STD_ERROR_HANDLE, errpath, true, err)))
        return st;
    return DK_OK;
}
