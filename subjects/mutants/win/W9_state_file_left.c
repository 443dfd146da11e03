/* W9 broken: the state is read back but its file is left behind.
 * wraps: dk__win_state_load
 */
#include "../../../lib/win/steps.h"

#include <wchar.h>

dk_status __real_dk__win_state_load(const wchar_t *path, dk_win_record *rec,
                                    dk_error *err);

dk_status __wrap_dk__win_state_load(const wchar_t *path, dk_win_record *rec,
                                    dk_error *err)
{
    wchar_t keep[DK_WIN_PATH];
    _snwprintf(keep, DK_WIN_PATH, L"%ls.keep", path);
    keep[DK_WIN_PATH - 1] = L'\0';
    CopyFileW(path, keep, FALSE);
    dk_status st = __real_dk__win_state_load(path, rec, err);
    MoveFileExW(keep, path, MOVEFILE_REPLACE_EXISTING);
    return st;
}
