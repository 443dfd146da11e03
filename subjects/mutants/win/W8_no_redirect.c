/* W8 broken: standard input, output and error are left as they were.
 * wraps: dk__win_redirect_stdio
 */
#include "../../../lib/win/steps.h"

dk_status __wrap_dk__win_redirect_stdio(const char *in, const char *out,
                                        const char *errpath, dk_error *err)
{
    (void)in;
    (void)out;
    (void)errpath;
    (void)err;
    return DK_OK;
}
