/* H2 broken (Windows): an existing PID file is refused without saying
 * which PID it names, so a stale one cannot be told from a live one.
 * wraps: dk__win_pidfile_create
 */
#include "../../../lib/win/steps.h"

dk_status __real_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err);

dk_status __wrap_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err)
{
    dk_status st = __real_dk__win_pidfile_create(path, path_u8, err);
    if (st == DK_EEXIST)
        return dk__fail(err, DK_EEXIST, "W3", 0, "%s: PID file exists", path_u8);
    return st;
}
