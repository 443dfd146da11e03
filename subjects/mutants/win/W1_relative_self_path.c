/* W1 broken: the program's own path is taken as its bare file name (what
 * argv[0] may hold), which CreateProcess looks for in the launcher's cwd.
 * wraps: dk__win_self_path
 */
#include "../../../lib/win/steps.h"

#include <wchar.h>

dk_status __real_dk__win_self_path(wchar_t *out, size_t n, dk_error *err);

dk_status __wrap_dk__win_self_path(wchar_t *out, size_t n, dk_error *err)
{
    dk_status st = __real_dk__win_self_path(out, n, err);
    const wchar_t *name = wcsrchr(out, L'\\');
    if (st == DK_OK && name != NULL)
        memmove(out, name + 1, (wcslen(name + 1) + 1) * sizeof *out);
    return st;
}
