#include "internal.h"

void dk__signal_dispatch(int signum, dk_signal_fn fn)
{
    if (fn == DK_IGNORE_SIGNAL)
        return;
    if (fn == DK_DEFAULT_SIGNAL)
        fn = dk_default_signal_handler;
    fn(signum);
}
