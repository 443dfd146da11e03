#include "steps.h"

#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

/* Linux >= 5.9 closes a whole range in one call, whatever RLIMIT_NOFILE is
 * (H7); older kernels get the loop. */
int dk__close_range(int lo, int hi, long fallback_limit)
{
    if (syscall(SYS_close_range, (unsigned)lo, (unsigned)hi, 0u) == 0)
        return 0;
    if (errno != ENOSYS)
        return -1;
    return dk__close_loop(lo, hi, fallback_limit);
}
