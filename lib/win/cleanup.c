/* W7: the PID file goes when the daemon exits the orderly way (exit(),
 * return from main). Ending the daemon with TerminateProcess skips this,
 * as it skips every exit handler: the documented limitation. */
#include "steps.h"

#include <stdlib.h>

/* atexit handlers take no argument, so the one PID file lives here. */
static struct {
    wchar_t path[DK_WIN_PATH];
    DWORD owner;
    volatile LONG sentinel;
    bool armed;
    bool registered;
} pidfile_cleanup;

void dk__win_cleanup_sentinel(DWORD pid)
{
    InterlockedExchange(&pidfile_cleanup.sentinel, (LONG)pid);
}

/* Remove the file only while it is ours: empty (the daemon failed before
 * writing it), or naming this process or its sentinel. */
void dk__win_cleanup_run(void)
{
    if (!pidfile_cleanup.armed || pidfile_cleanup.owner != GetCurrentProcessId())
        return;
    pidfile_cleanup.armed = false;
    DWORD named;
    bool ours = dk__win_pidfile_get(pidfile_cleanup.path, &named) < 0 ||
                named == pidfile_cleanup.owner ||
                named == (DWORD)pidfile_cleanup.sentinel;
    if (ours)
        DeleteFileW(pidfile_cleanup.path);
}

static void cleanup_at_exit(void)
{
    dk__win_cleanup_run();
}

void dk__win_cleanup_register(const char *path)
{
    if (dk__win_widen(path, pidfile_cleanup.path, DK_WIN_PATH) < 0)
        return;
    pidfile_cleanup.owner = GetCurrentProcessId();
    pidfile_cleanup.armed = true;
    if (!pidfile_cleanup.registered) {
        pidfile_cleanup.registered = true;
        atexit(cleanup_at_exit);
    }
}
