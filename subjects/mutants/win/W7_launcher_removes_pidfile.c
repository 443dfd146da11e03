/* W7 broken: the PID file's cleanup runs in the wrong process: the
 * launcher, which created the file, removes it on its way out, once the
 * daemon said it is ready, and the daemon runs on with no PID file (a
 * fork-style "remove what I created at exit" kept across the relaunch).
 * wraps: dk__win_pidfile_create _exit
 */
#include "../../../lib/win/steps.h"

#include <unistd.h>

dk_status __real_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err);
void __real__exit(int status) __attribute__((noreturn));

/* Set in the launcher only: the daemon never creates the file. */
static wchar_t created[DK_WIN_PATH];

dk_status __wrap_dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                        dk_error *err)
{
    dk_status st = __real_dk__win_pidfile_create(path, path_u8, err);
    if (st == DK_OK)
        wcscpy(created, path);
    return st;
}

void __wrap__exit(int status)
{
    if (created[0] != L'\0')
        DeleteFileW(created);
    __real__exit(status);
}
