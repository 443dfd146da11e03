#include "steps.h"

#include <stdlib.h>

/* Read it whole, overwrite it with zeros, flush, delete: what the caller
 * handed over does not linger on disk (as Daemoniker does with its pickle). */
dk_status dk__win_state_load(const wchar_t *path, dk_win_record *rec,
                             dk_error *err)
{
    char where[DK_WIN_PATH];
    dk__win_narrow(path, where, sizeof where);
    HANDLE h = CreateFileW(path, GENERIC_READ | GENERIC_WRITE, 0, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return dk__win_fail(err, DK_ESYS, "W9", GetLastError(),
                            "%s: cannot open the saved state", where);
    LARGE_INTEGER size;
    unsigned char *buf = NULL;
    DWORD got = 0, code = 0;
    if (!GetFileSizeEx(h, &size) || size.QuadPart > (1 << 30))
        code = GetLastError() ? GetLastError() : ERROR_FILE_TOO_LARGE;
    else if ((buf = malloc((size_t)size.QuadPart + 1)) == NULL)
        code = ERROR_NOT_ENOUGH_MEMORY;
    else if (!ReadFile(h, buf, (DWORD)size.QuadPart, &got, NULL) ||
             got != (DWORD)size.QuadPart)
        code = GetLastError() ? GetLastError() : ERROR_READ_FAULT;
    if (code == 0) {
        unsigned char *zeros = calloc(1, got + 1);
        DWORD wrote;
        SetFilePointer(h, 0, NULL, FILE_BEGIN);
        if (zeros != NULL)
            WriteFile(h, zeros, got, &wrote, NULL);
        FlushFileBuffers(h);
        free(zeros);
    }
    CloseHandle(h);
    DeleteFileW(path);
    if (code != 0) {
        free(buf);
        return dk__win_fail(err, DK_ESYS, "W9", code,
                            "%s: cannot read the saved state", where);
    }
    int bad = dk__win_record_unpack(buf, got, rec);
    free(buf);
    if (bad)
        return dk__fail(err, DK_EINVAL, "W9", 0,
                        "%s: the saved state is not a whole record", where);
    return DK_OK;
}
