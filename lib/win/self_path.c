#include "steps.h"

dk_status dk__win_self_path(wchar_t *out, size_t n, dk_error *err)
{
    DWORD got = GetModuleFileNameW(NULL, out, (DWORD)n);
    /* A full buffer means the path was cut short. */
    if (got == 0 || got >= n)
        return dk__win_fail(err, DK_ESYS, "W1", got ? ERROR_INSUFFICIENT_BUFFER
                                                    : GetLastError(),
                            "cannot find this program's executable");
    return DK_OK;
}
