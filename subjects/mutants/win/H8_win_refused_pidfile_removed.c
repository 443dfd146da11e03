/* H8 broken (Windows): a launch refused at the PID file "cleans up" by
 * deleting the file it could not create: someone else's.
 * wraps: dk__win_pidfile_create
 */
#include "../../../lib/win/steps.h"

dk_status __real_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err);

dk_status __wrap_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err)
{
    dk_status st = __real_dk__win_pidfile_create(path, path_u8, err);
    if (st != DK_OK)
        DeleteFileW(path);
    return st;
}
