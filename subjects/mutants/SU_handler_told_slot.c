/* SU broken: handlers are told the signal's slot in the handler table
 * (0 for SIGINT, 1 for SIGTERM, 2 for SIGABRT), not its number.
 * wraps: dk__signal_dispatch
 */
#include "../../lib/unix/signals.h"

#include <signal.h>

void __real_dk__signal_dispatch(int signum, dk_signal_fn fn);

void __wrap_dk__signal_dispatch(int signum, dk_signal_fn fn)
{
    static const int table[DK_N_SIGNALS] = {SIGINT, SIGTERM, SIGABRT};
    int slot = 0;
    while (slot < DK_N_SIGNALS - 1 && table[slot] != signum)
        slot++;
    __real_dk__signal_dispatch(slot, fn);
}
