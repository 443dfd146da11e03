#include "steps.h"

#include <fcntl.h>
#include <io.h>
#include <stdio.h>

/* Input must exist (there is nothing to read otherwise); output is created
 * when missing and appended to, never truncated. Created with CREATE_NEW
 * first, so that whether this launch made it is known, not guessed: a
 * launch that fails on the next target removes it (H8). wide gets the
 * path. */
static HANDLE open_target(const char *path, bool output, DWORD *code,
                          bool *created, wchar_t *wide)
{
    *created = false;
    if (path == NULL)
        wcscpy(wide, L"NUL");
    else if (dk__win_widen(path, wide, DK_WIN_PATH) < 0) {
        *code = ERROR_INVALID_NAME;
        return INVALID_HANDLE_VALUE;
    }
    DWORD share = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
    DWORD access = FILE_APPEND_DATA | FILE_READ_ATTRIBUTES | SYNCHRONIZE;
    HANDLE h;
    if (!output)
        h = CreateFileW(wide, GENERIC_READ, share, NULL, OPEN_EXISTING,
                        FILE_ATTRIBUTE_NORMAL, NULL);
    else if (path != NULL &&
             (h = CreateFileW(wide, access, share, NULL, CREATE_NEW,
                              FILE_ATTRIBUTE_NORMAL, NULL)) != INVALID_HANDLE_VALUE)
        *created = true;
    else
        h = CreateFileW(wide, access, share, NULL, OPEN_ALWAYS,
                        FILE_ATTRIBUTE_NORMAL, NULL);
    *code = h == INVALID_HANDLE_VALUE ? GetLastError() : 0;
    return h;
}

/* The handle becomes the C runtime's fd and the process's standard handle,
 * and the stream is bound to that fd, so that printf, write(1) and
 * WriteFile(GetStdHandle()) all end up in the same place. */
static dk_status point(FILE *stream, int fd, DWORD std, const char *path,
                       bool output, bool *created, wchar_t *wide,
                       dk_error *err)
{
    const char *shown = path ? path : "NUL";
    DWORD code;
    HANDLE h = open_target(path, output, &code, created, wide);
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
    static wchar_t wide[3][DK_WIN_PATH];
    bool created[3] = {false, false, false};
    if ((st = point(stdin, 0, STD_INPUT_HANDLE, in, false, &created[0],
                    wide[0], err)) ||
        (st = point(stdout, 1, STD_OUTPUT_HANDLE, out, true, &created[1],
                    wide[1], err)) ||
        (st = point(stderr, 2, STD_ERROR_HANDLE, errpath, true, &created[2],
                    wide[2], err))) {
        /* Still open here, shared for deletion: it goes when closed. */
        for (int i = 1; i <= 2; i++)
            if (created[i])
                DeleteFileW(wide[i]);
        return st;
    }
    return DK_OK;
}
