#include "signals.h"

dk_status dk__win_pidfile_restore(const wchar_t *pid_file, dk_error *err)
{
    DWORD code = dk__win_pidfile_put(pid_file, GetCurrentProcessId());
    if (code != 0)
        return dk__win_fail(err, DK_ESYS, "SW5", code,
                            "cannot put this daemon's PID back in the PID file");
    return DK_OK;
}
