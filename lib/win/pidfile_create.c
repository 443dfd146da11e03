#include "steps.h"

dk_status dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                 dk_error *err)
{
    HANDLE h = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ, NULL,
                           CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h != INVALID_HANDLE_VALUE) {
        CloseHandle(h);
        return DK_OK;
    }
    DWORD code = GetLastError();
    if (code != ERROR_FILE_EXISTS && code != ERROR_ALREADY_EXISTS)
        return dk__win_fail(err, DK_ESYS, "W3", code,
                            "%s: cannot create the PID file", path_u8);
    DWORD named;
    if (dk__win_pidfile_get(path, &named) == 0)
        return dk__fail(err, DK_EEXIST, "W3", 0,
                        "%s: PID file exists, naming process %lu", path_u8,
                        (unsigned long)named);
    return dk__fail(err, DK_EEXIST, "W3", 0,
                    "%s: PID file exists (and names no process)", path_u8);
}
