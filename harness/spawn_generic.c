/* spawn_generic.c: spawn_os.h where there is no close_range(2) to mark fds
 * close-on-exec (macOS; FreeBSD's only closes): each fd up to the soft
 * limit, one fcntl each. ptsname's static buffer is fine here: a case's
 * worker starts its launchers from one thread. */
#include "spawn_os.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

void spawn_cloexec_from(int low)
{
    struct rlimit rl;
    int top = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
                      rl.rlim_cur < (rlim_t)1 << 20
                  ? (int)rl.rlim_cur
                  : 1 << 20;
    for (int fd = low; fd < top; fd++)
        fcntl(fd, F_SETFD, FD_CLOEXEC); /* EBADF for a closed one: nothing */
}

int spawn_open_pty(char *slave, size_t size)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0)
        return -1;
    const char *name = NULL;
    if (fcntl(m, F_SETFD, FD_CLOEXEC) < 0 || grantpt(m) < 0 ||
        unlockpt(m) < 0 || (name = ptsname(m)) == NULL ||
        (size_t)snprintf(slave, size, "%s", name) >= size) {
        int e = errno;
        close(m);
        errno = e ? e : ENAMETOOLONG;
        return -1;
    }
    return m;
}
