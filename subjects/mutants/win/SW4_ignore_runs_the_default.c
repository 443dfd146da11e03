/* SW4 broken: a signal set to IGNORE is taken for one with no handler, and
 * the default runs: the daemon exits on a signal it was told to ignore.
 * wraps: dk__win_handler_of
 */
#include "../../../lib/win/signals.h"

dk_signal_fn __real_dk__win_handler_of(struct dk_signals *s, int signum);

dk_signal_fn __wrap_dk__win_handler_of(struct dk_signals *s, int signum)
{
    dk_signal_fn fn = __real_dk__win_handler_of(s, signum);
    return fn == DK_IGNORE_SIGNAL ? DK_DEFAULT_SIGNAL : fn;
}
