/* H8 broken (Windows): a refused PID file is reported on two lines (a
 * banner, then the reason), where the contract asks for one.
 * wraps: dk__win_pidfile_create
 */
#include "../../../lib/win/steps.h"

dk_status __real_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err);

dk_status __wrap_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err)
{
    dk_status st = __real_dk__win_pidfile_create(path, path_u8, err);
    if (st != DK_OK) {
        fputs("daemoniker: the launch failed\n", stderr);
        fflush(stderr);
    }
    return st;
}
