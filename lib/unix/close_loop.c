#include "steps.h"

#include <sys/resource.h>
#include <unistd.h>

/* The portable way: one close() per fd, up to the soft limit, or up to
 * fallback_limit when the limit is unlimited. */
int dk__close_loop(int lo, int hi, long fallback_limit)
{
    struct rlimit rl;
    long limit = getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
                         rl.rlim_cur != RLIM_INFINITY
                     ? (long)rl.rlim_cur
                     : -1;
    limit = dk__fd_limit(limit, fallback_limit);
    for (long fd = lo; fd <= hi && fd < limit; fd++)
        close((int)fd);
    return 0;
}
