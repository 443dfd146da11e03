/* H8 broken (Windows): a standard stream whose target cannot be opened
 * goes to NUL instead (the "logging must never stop the service" habit),
 * so a bad --stdin, --stdout or --stderr is accepted and its output lost.
 * wraps: dk__win_redirect_stdio
 */
#include "../../../lib/win/steps.h"

dk_status __real_dk__win_redirect_stdio(const char *in, const char *out,
                                        const char *errpath, dk_error *err);

dk_status __wrap_dk__win_redirect_stdio(const char *in, const char *out,
                                        const char *errpath, dk_error *err)
{
    /* The streams are tried one by one, the ones not yet tried on NUL;
     * a target that fails is NUL from then on. */
    dk_error dropped;
    if (__real_dk__win_redirect_stdio(in, NULL, NULL, &dropped) != DK_OK)
        in = NULL;
    if (__real_dk__win_redirect_stdio(in, out, NULL, &dropped) != DK_OK)
        out = NULL;
    if (__real_dk__win_redirect_stdio(in, out, errpath, &dropped) != DK_OK)
        errpath = NULL;
    return __real_dk__win_redirect_stdio(in, out, errpath, err);
}
