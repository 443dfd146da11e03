/* H1 broken (Windows): the PID file is checked for, then created without
 * CREATE_NEW; between the two, another launcher can do the same. The
 * window is made wide (a second) so that a sampled race lands in it,
 * however slowly Wine starts the racers on a loaded machine.
 * wraps: dk__win_pidfile_create
 */
#include "../../../lib/win/steps.h"

dk_status __wrap_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err)
{
    if (GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES)
        return dk__fail(err, DK_EEXIST, "W3", 0, "%s: PID file exists", path_u8);
    Sleep(1000);
    HANDLE h = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ, NULL,
                           CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return dk__win_fail(err, DK_ESYS, "W3", GetLastError(), "%s", path_u8);
    CloseHandle(h);
    return DK_OK;
}
