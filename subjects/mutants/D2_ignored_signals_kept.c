/* D2 broken: the signal mask is reset, but signals the launcher ignored
 * stay ignored (the handlers are never set back to their defaults).
 * wraps: dk__reset_signals
 */
#include "../../lib/unix/steps.h"

#include <signal.h>

void __wrap_dk__reset_signals(void)
{
    sigset_t held;
    dk__held_signals(&held);
    sigprocmask(SIG_SETMASK, &held, NULL);
}
