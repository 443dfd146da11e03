#include "steps.h"

dk_status dk__win_pidfile_write_own(const char *path, dk_error *err)
{
    wchar_t wide[DK_WIN_PATH];
    if (dk__win_widen(path, wide, DK_WIN_PATH) < 0)
        return dk__fail(err, DK_EINVAL, "W7", 0, "%s: not a valid path", path);
    DWORD code = dk__win_pidfile_put(wide, GetCurrentProcessId());
    if (code != 0)
        return dk__win_fail(err, DK_ESYS, "W7", code,
                            "%s: cannot write the PID file", path);
    return DK_OK;
}
