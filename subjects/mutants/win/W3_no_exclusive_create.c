/* W3 broken: the PID file is created whether or not it exists
 * (CREATE_ALWAYS), so a second launch replaces the first daemon's.
 * wraps: dk__win_pidfile_create
 */
#include "../../../lib/win/steps.h"

dk_status __wrap_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err)
{
    HANDLE h = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ, NULL,
                           CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return dk__win_fail(err, DK_ESYS, "W3", GetLastError(), "%s", path_u8);
    CloseHandle(h);
    return DK_OK;
}
