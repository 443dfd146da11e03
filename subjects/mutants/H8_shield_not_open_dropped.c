/* H8 broken: a shielded fd that is not open is silently left out of the
 * list instead of refused, so a typo in --shield starts a daemon that
 * lacks the descriptor it was meant to keep.
 * wraps: dk_daemonizer_run
 */
#include "../../lib/daemoniker.h"

#include <fcntl.h>

dk_status __real_dk_daemonizer_run(dk_daemonizer *dz, const dk_options *opts,
                                   const void *state, size_t state_len,
                                   bool *is_parent, dk_error *err);

dk_status __wrap_dk_daemonizer_run(dk_daemonizer *dz, const dk_options *opts,
                                   const void *state, size_t state_len,
                                   bool *is_parent, dk_error *err)
{
    if (opts == NULL)
        return __real_dk_daemonizer_run(dz, opts, state, state_len, is_parent,
                                        err);
    int open_fds[DK_MAX_SHIELDED];
    size_t n = 0;
    for (size_t i = 0; i < opts->n_shielded_fds && n < DK_MAX_SHIELDED; i++)
        if (fcntl(opts->shielded_fds[i], F_GETFD) >= 0)
            open_fds[n++] = opts->shielded_fds[i];
    dk_options kept = *opts;
    kept.shielded_fds = open_fds;
    kept.n_shielded_fds = n;
    return __real_dk_daemonizer_run(dz, &kept, state, state_len, is_parent,
                                    err);
}
