/* U6 broken: the daemon keeps a copy of its launcher's stdout at fd 77
 * (a library that saves the caller's stdout to report on it later and
 * never closes it). A caller reading the launcher's output, as the shell
 * does for out=$(launcher ...), then waits for ever.
 * wraps: dk__close_fds
 */
#include "../../lib/unix/steps.h"

#include <string.h>
#include <unistd.h>

dk_status __real_dk__close_fds(const int *keep, size_t n_keep,
                               long fallback_limit, dk_error *err);

dk_status __wrap_dk__close_fds(const int *keep, size_t n_keep,
                               long fallback_limit, dk_error *err)
{
    int more[DK_MAX_SHIELDED + 4];
    if (n_keep > DK_MAX_SHIELDED + 3)
        n_keep = DK_MAX_SHIELDED + 3;
    memcpy(more, keep, n_keep * sizeof *keep);
    /* Still the launcher's stdout here: stdio is redirected after this. */
    if (dup2(STDOUT_FILENO, 77) == 77)
        more[n_keep++] = 77;
    return __real_dk__close_fds(more, n_keep, fallback_limit, err);
}
