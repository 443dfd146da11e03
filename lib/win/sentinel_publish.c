#include "signals.h"
#include "steps.h"

dk_status dk__win_sentinel_publish(const wchar_t *pid_file, DWORD pid,
                                   dk_error *err)
{
    /* First the cleanup learns the new name, so an exit between the two
     * still removes the file. */
    dk__win_cleanup_sentinel(pid);
    DWORD code = dk__win_pidfile_put(pid_file, pid);
    if (code != 0)
        return dk__win_fail(err, DK_ESYS, "SW3", code,
                            "cannot name sentinel %lu in the PID file",
                            (unsigned long)pid);
    return DK_OK;
}
