/* U6 broken: an inherited file is kept, moved to fd 600, above 130 pipes
 * of the daemon's own (260 descriptors): an observer that reads only the
 * first 256 descriptors never reaches it.
 * wraps: dk__close_fds
 */
#include "../../lib/unix/steps.h"

#include <string.h>
#include <unistd.h>

#define KEPT_AT 600
#define OWN_PIPES 130

dk_status __real_dk__close_fds(const int *keep, size_t n_keep,
                               long fallback_limit, dk_error *err);

dk_status __wrap_dk__close_fds(const int *keep, size_t n_keep,
                               long fallback_limit, dk_error *err)
{
    int more[DK_MAX_SHIELDED + 4];
    if (n_keep > DK_MAX_SHIELDED + 3)
        n_keep = DK_MAX_SHIELDED + 3;
    memcpy(more, keep, n_keep * sizeof *keep);
    /* The intermediate child closes early (detach.c) and the daemon, its
     * fork, again: fd 4, the launcher's SANDBOX/inherited-4, is moved at
     * the first, and the daemon's own pipes made after the second. */
    static int calls;
    if (calls++ == 0 && dup2(4, KEPT_AT) != KEPT_AT)
        return __real_dk__close_fds(keep, n_keep, fallback_limit, err);
    more[n_keep++] = KEPT_AT;
    dk_status st = __real_dk__close_fds(more, n_keep, fallback_limit, err);
    for (int i = 0; calls == 2 && i < OWN_PIPES; i++) {
        int p[2];
        if (pipe(p) < 0)
            break;
    }
    return st;
}
