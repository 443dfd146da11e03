/* H2 broken (Windows): a stale PID file is refused, naming its PID, and
 * then deleted "so that the next try works": the refusal does not leave
 * the file as it found it (the "stale PID file removed, try again" habit
 * of some init scripts, which also loses what an operator may want to
 * see).
 * wraps: dk__win_pidfile_create
 */
#include "../../../lib/win/steps.h"

dk_status __real_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err);

/* Whether pid names no running process. */
static bool gone(DWORD pid)
{
    HANDLE h = OpenProcess(SYNCHRONIZE, FALSE, pid);
    if (h == NULL)
        return true;
    bool ended = WaitForSingleObject(h, 0) == WAIT_OBJECT_0;
    CloseHandle(h);
    return ended;
}

dk_status __wrap_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err)
{
    dk_status st = __real_dk__win_pidfile_create(path, path_u8, err);
    DWORD named;
    if (st == DK_EEXIST && dk__win_pidfile_get(path, &named) == 0 && gone(named))
        DeleteFileW(path);
    return st;
}
