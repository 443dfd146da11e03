#include "steps.h"

dk_status dk__win_chdir(const char *dir, dk_error *err)
{
    wchar_t wide[DK_WIN_PATH];
    if (dk__win_widen(dir, wide, DK_WIN_PATH) < 0)
        return dk__fail(err, DK_EINVAL, "W6", 0, "%s: not a valid path", dir);
    if (!SetCurrentDirectoryW(wide))
        return dk__win_fail(err, DK_ESYS, "W6", GetLastError(),
                            "cannot change directory to %s", dir);
    return DK_OK;
}
