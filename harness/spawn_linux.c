/* spawn_linux.c: spawn_os.h on Linux: close_range(2) marks every fd at
 * once, however high the limit (H7 raises it to a million); ptsname_r is
 * glibc's and musl's. */
#include "spawn_os.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC 4u
#endif

void spawn_cloexec_from(int low)
{
    syscall(SYS_close_range, (unsigned)low, ~0u, CLOSE_RANGE_CLOEXEC);
}

int spawn_open_pty(char *slave, size_t size)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (m < 0)
        return -1;
    if (grantpt(m) < 0 || unlockpt(m) < 0 || ptsname_r(m, slave, size) != 0) {
        close(m);
        return -1;
    }
    return m;
}
