/* H6 broken (Windows): the output files are emptied before the daemon's
 * output goes to them, losing what an existing log held.
 * wraps: dk__win_redirect_stdio
 */
#include "../../../lib/win/steps.h"

dk_status __real_dk__win_redirect_stdio(const char *in, const char *out,
                                        const char *errpath, dk_error *err);

static void truncate_file(const char *path)
{
    wchar_t wide[DK_WIN_PATH];
    if (path == NULL || dk__win_widen(path, wide, DK_WIN_PATH) < 0)
        return;
    HANDLE h = CreateFileW(wide, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                           NULL, TRUNCATE_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h != INVALID_HANDLE_VALUE)
        CloseHandle(h);
}

dk_status __wrap_dk__win_redirect_stdio(const char *in, const char *out,
                                        const char *errpath, dk_error *err)
{
    truncate_file(out);
    truncate_file(errpath);
    return __real_dk__win_redirect_stdio(in, out, errpath, err);
}
