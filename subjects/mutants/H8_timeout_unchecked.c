/* H8 broken: any success_timeout is taken, whatever it is (zero, negative,
 * NaN, years): the launch goes ahead with the default instead of being
 * refused.
 * wraps: dk_options_check
 */
#include "../../lib/daemoniker.h"

dk_status __real_dk_options_check(const dk_options *opts, dk_error *err);

dk_status __wrap_dk_options_check(const dk_options *opts, dk_error *err)
{
    if (opts == NULL)
        return __real_dk_options_check(opts, err);
    dk_options taken = *opts;
    if (!(taken.success_timeout > 0 && taken.success_timeout <= 86400))
        taken.success_timeout = DK_DEFAULT_SUCCESS_TIMEOUT;
    return __real_dk_options_check(&taken, err);
}
