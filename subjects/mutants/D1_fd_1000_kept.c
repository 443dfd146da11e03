/* D1 broken: every inherited descriptor is closed but fd 1000, which the
 * daemon keeps as if it were shielded.
 * wraps: dk__close_fds
 */
#include "../../lib/unix/steps.h"

#include <string.h>

dk_status __real_dk__close_fds(const int *keep, size_t n_keep,
                               long fallback_limit, dk_error *err);

dk_status __wrap_dk__close_fds(const int *keep, size_t n_keep,
                               long fallback_limit, dk_error *err)
{
    int more[DK_MAX_SHIELDED + 4];
    if (n_keep > DK_MAX_SHIELDED + 3)
        n_keep = DK_MAX_SHIELDED + 3;
    memcpy(more, keep, n_keep * sizeof *keep);
    more[n_keep] = 1000;
    return __real_dk__close_fds(more, n_keep + 1, fallback_limit, err);
}
