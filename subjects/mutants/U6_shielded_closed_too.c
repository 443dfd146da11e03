/* U6 broken: shielded descriptors are closed with the rest.
 * wraps: dk__close_fds
 */
#include "../../lib/unix/steps.h"

dk_status __real_dk__close_fds(const int *keep, size_t n_keep,
                               long fallback_limit, dk_error *err);

/* daemonize.c puts the PID file and the readiness pipe first in keep;
 * the shielded fds follow, and are dropped here. */
dk_status __wrap_dk__close_fds(const int *keep, size_t n_keep,
                               long fallback_limit, dk_error *err)
{
    return __real_dk__close_fds(keep, n_keep < 2 ? n_keep : 2, fallback_limit,
                                err);
}
