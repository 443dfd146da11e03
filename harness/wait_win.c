/* wait_win.c: wait.h for the native dkcheck.exe. Deadlines on the
 * monotonic tick count, as long as deadline.c makes them; waits for a
 * condition poll it with a growing back-off, as wait.c does where it has
 * no watch to wake it.
 *
 * Weaker than wait.c: Windows keeps no load average, so a deadline grows
 * with DKCHECK_TIMEOUT_MUL and the run's calibration launch only (a busy
 * machine makes more cases BROKEN, never FAIL); no case's process is our
 * child to reap (a Windows process ends by itself; handles, not zombies,
 * keep its exit code), so the reaping calls do nothing. */
#include "wait.h"

#include <windows.h>

enum { SLICE_MS = 50 };

/* The deadline's tick (milliseconds since boot) in at. */
dk_deadline dk_deadline_in(double seconds)
{
    ULONGLONG at = GetTickCount64() + (ULONGLONG)(dk_deadline_seconds(seconds) * 1000);
    dk_deadline d;
    d.at.tv_sec = (time_t)(at / 1000);
    d.at.tv_nsec = (long)(at % 1000) * 1000000L;
    return d;
}

int dk_deadline_left_ms(dk_deadline d)
{
    ULONGLONG at = (ULONGLONG)d.at.tv_sec * 1000 + (ULONGLONG)d.at.tv_nsec / 1000000;
    ULONGLONG now = GetTickCount64();
    if (now >= at)
        return 0;
    return at - now > 0x7fffffff ? 0x7fffffff : (int)(at - now);
}

bool dk_deadline_passed(dk_deadline d)
{
    return dk_deadline_left_ms(d) == 0;
}

bool dk_wait_until(bool (*pred)(void *arg), void *arg, dk_deadline d)
{
    int backoff = 1;
    for (;;) {
        if (pred(arg))
            return true;
        int left = dk_deadline_left_ms(d);
        if (left == 0)
            return false;
        Sleep((DWORD)(backoff < left ? backoff : left));
        backoff = 2 * backoff < SLICE_MS ? 2 * backoff : SLICE_MS;
    }
}

/* A Windows PID: gone when it cannot be opened or its handle signals. */
bool dk_wait_gone(pid_t pid, int *status, bool *reaped, dk_deadline d)
{
    if (reaped != NULL)
        *reaped = false; /* nobody reaps a Windows process; either may be NULL */
    HANDLE h = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION,
                           FALSE, (DWORD)pid);
    if (h == NULL)
        return true;
    bool gone = WaitForSingleObject(h, (DWORD)dk_deadline_left_ms(d)) ==
                WAIT_OBJECT_0;
    DWORD code;
    if (gone && status != NULL && GetExitCodeProcess(h, &code))
        *status = (int)code;
    CloseHandle(h);
    return gone;
}

static bool exists(void *path)
{
    return GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES;
}

bool dk_wait_file(const char *path, dk_deadline d)
{
    return dk_wait_until(exists, (void *)path, d);
}

void dk_reap_exited(void)
{
}

bool dk_reaped_status(pid_t pid, int *status)
{
    (void)pid;
    (void)status;
    return false;
}
