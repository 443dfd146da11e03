/* W7 broken: the launcher, which created the PID file, writes its own PID
 * in it once the daemon said it is ready (Unix code that wrote getpid()
 * before forking, kept across the relaunch): the file names a process
 * that is about to exit.
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
    if (status == 0 && created[0] != L'\0')
        dk__win_pidfile_put(created, GetCurrentProcessId());
    __real__exit(status);
}
