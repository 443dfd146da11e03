/* H7 broken: descriptors are closed only below the fallback limit (1024),
 * whatever the real limit, as old daemons did with a fixed loop.
 * wraps: dk__close_range
 */
#include "../../lib/unix/steps.h"

int __real_dk__close_range(int lo, int hi, long fallback_limit);

int __wrap_dk__close_range(int lo, int hi, long fallback_limit)
{
    if (lo >= fallback_limit)
        return 0;
    return __real_dk__close_range(lo, hi < fallback_limit ? hi
                                                          : (int)fallback_limit - 1,
                                  fallback_limit);
}
