/* H4 broken (Windows): the PID file is opened with OPEN_ALWAYS, taken when
 * missing or empty: a symlink planted at its path is followed, and its
 * target created.
 * wraps: dk__win_pidfile_create
 */
#include "../../../lib/win/steps.h"

dk_status __wrap_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err)
{
    HANDLE h = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ, NULL,
                           OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return dk__win_fail(err, DK_ESYS, "W3", GetLastError(), "%s", path_u8);
    LARGE_INTEGER size;
    BOOL held = GetFileSizeEx(h, &size) && size.QuadPart > 0;
    CloseHandle(h);
    if (held)
        return dk__fail(err, DK_EEXIST, "W3", 0, "%s: PID file exists", path_u8);
    return DK_OK;
}
