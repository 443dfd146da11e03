/* SU broken: IGNORE is treated as the default handler.
 * wraps: dk__signal_dispatch
 */
#include "../../lib/unix/signals.h"

void __real_dk__signal_dispatch(int signum, dk_signal_fn fn);

void __wrap_dk__signal_dispatch(int signum, dk_signal_fn fn)
{
    __real_dk__signal_dispatch(signum, fn == DK_IGNORE_SIGNAL
                                           ? DK_DEFAULT_SIGNAL
                                           : fn);
}
