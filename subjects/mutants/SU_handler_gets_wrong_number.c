/* SU broken: handlers are told SIGTERM whatever the signal was.
 * wraps: dk__signal_dispatch
 */
#include "../../lib/unix/signals.h"

#include <signal.h>

void __real_dk__signal_dispatch(int signum, dk_signal_fn fn);

void __wrap_dk__signal_dispatch(int signum, dk_signal_fn fn)
{
    (void)signum;
    __real_dk__signal_dispatch(SIGTERM, fn);
}
