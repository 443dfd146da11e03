/* pidfile_lock.c: the PID file's lock is a POSIX record lock (fcntl), not
 * flock: F_GETLK names its holder (l_pid) on Linux, macOS and the BSDs, so
 * "locked by the process the file names" can be checked. The price: such a
 * lock belongs to a process (a child does not inherit it) and any close of
 * the file in that process drops it, so the daemon takes its own and never
 * opens the file again. */
#include "steps.h"

#include <fcntl.h>
#include <unistd.h>

int dk__pidfile_lock(int fd, bool wait)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    return fcntl(fd, wait ? F_SETLKW : F_SETLK, &fl);
}

long dk__pidfile_lock_holder(int fd)
{
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    if (fcntl(fd, F_GETLK, &fl) < 0)
        return -1;
    return fl.l_type == F_UNLCK ? 0 : (long)fl.l_pid;
}
