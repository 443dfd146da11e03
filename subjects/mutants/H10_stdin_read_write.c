/* H10 broken: stdin is redirected where it should be, but opened for
 * reading and writing (as Daemoniker, daemon(3) and others open
 * /dev/null for all three streams).
 * wraps: dk__redirect_stdio
 */
#include "../../lib/unix/steps.h"

#include <fcntl.h>
#include <unistd.h>

dk_status __real_dk__redirect_stdio(const char *in, const char *out,
                                    const char *errpath, dk_error *err);

dk_status __wrap_dk__redirect_stdio(const char *in, const char *out,
                                    const char *errpath, dk_error *err)
{
    dk_status st = __real_dk__redirect_stdio(in, out, errpath, err);
    if (st != DK_OK)
        return st;
    int fd = open(in ? in : "/dev/null", O_RDWR);
    if (fd > 0) {
        dup2(fd, 0);
        close(fd);
    }
    return st;
}
