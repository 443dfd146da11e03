/* U5 broken: the daemon's PID is written without its newline (as libbsd's
 * pidfile(3), go-daemon and the Rust crate do). Only the format is wrong:
 * the PID is there when the launcher exits, so D15 passes it.
 * wraps: dk__pidfile_write
 */
#include "../../lib/unix/steps.h"

#include <sys/stat.h>
#include <unistd.h>

dk_status __real_dk__pidfile_write(int fd, const char *path, dk_error *err);

dk_status __wrap_dk__pidfile_write(int fd, const char *path, dk_error *err)
{
    dk_status st = __real_dk__pidfile_write(fd, path, err);
    struct stat sb;
    if (st == DK_OK && fstat(fd, &sb) == 0 && sb.st_size > 0)
        (void)!ftruncate(fd, sb.st_size - 1);
    return st;
}
