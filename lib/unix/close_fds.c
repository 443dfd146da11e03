#include "steps.h"

#include <errno.h>
#include <limits.h>
#include <sys/resource.h>

dk_status dk__close_fds(const int *keep, size_t n_keep, long fallback_limit,
                        dk_error *err)
{
    dk_fd_range ranges[DK_MAX_SHIELDED + 8];
    size_t n = dk__fd_ranges(keep, n_keep, 3, INT_MAX, ranges,
                             sizeof ranges / sizeof ranges[0]);
    if (n > sizeof ranges / sizeof ranges[0])
        return dk__fail(err, DK_EINVAL, "U6", 0, "too many fds to keep");
    for (size_t i = 0; i < n; i++)
        if (dk__close_range(ranges[i].lo, ranges[i].hi, fallback_limit) < 0)
            return dk__fail(err, DK_ESYS, "U6", errno, "close fds %d..%d",
                            ranges[i].lo, ranges[i].hi);
    return DK_OK;
}
