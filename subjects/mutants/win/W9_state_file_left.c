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
    /* The real load reads, wipes and deletes a copy; the file itself is
     * never touched. (Putting it back after the delete raced with the
     * launcher's handle: a file deleted while open is only gone, and
     * cannot be replaced, once every handle is closed.) */
    wchar_t copy[DK_WIN_PATH];
    _snwprintf(copy, DK_WIN_PATH, L"%ls.copy", path);
    copy[DK_WIN_PATH - 1] = L'\0';
    CopyFileW(path, copy, FALSE); /* if it fails, the load below does too */
    return __real_dk__win_state_load(copy, rec, err);
}
