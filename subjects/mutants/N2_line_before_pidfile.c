/* N2 broken: the readiness line goes to the notify fd as soon as the daemon
 * exists, before its PID file holds its PID. The mutant does not know the
 * fd's number: it is the one FIFO among the daemon's fds here.
 * wraps: dk__pidfile_write
 */
#include "../../lib/unix/steps.h"

#include <sys/stat.h>
#include <unistd.h>

dk_status __real_dk__pidfile_write(int fd, const char *path, dk_error *err);

dk_status __wrap_dk__pidfile_write(int fd, const char *path, dk_error *err)
{
    for (int f = 3; f < 1024; f++) {
        struct stat st;
        if (fstat(f, &st) == 0 && S_ISFIFO(st.st_mode))
            (void)!write(f, "\n", 1);
    }
    return __real_dk__pidfile_write(fd, path, err);
}
