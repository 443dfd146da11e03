/* H4 broken (Windows): an existing PID file that names no running process
 * is taken for a stale one and reused in place (CREATE_ALWAYS on its
 * path): a symlink planted there is followed, and the file it points to
 * truncated. The classic reclaim-by-overwrite, where a safe reclaim
 * replaces the path itself.
 * wraps: dk__win_pidfile_create
 */
#include "../../../lib/win/steps.h"

dk_status __real_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err);

static bool running(DWORD pid)
{
    HANDLE h = OpenProcess(SYNCHRONIZE, FALSE, pid);
    if (h == NULL)
        return false;
    bool alive = WaitForSingleObject(h, 0) == WAIT_TIMEOUT;
    CloseHandle(h);
    return alive;
}

dk_status __wrap_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err)
{
    dk_status st = __real_dk__win_pidfile_create(path, path_u8, err);
    DWORD named;
    if (st != DK_EEXIST ||
        (dk__win_pidfile_get(path, &named) == 0 && running(named)))
        return st;
    HANDLE h = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ, NULL,
                           CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return dk__win_fail(err, DK_ESYS, "W3", GetLastError(), "%s", path_u8);
    CloseHandle(h);
    return DK_OK;
}
