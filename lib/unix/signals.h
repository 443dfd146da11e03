/* signals.h: the Unix signal handler's replaceable parts. */
#ifndef DK_UNIX_SIGNALS_H
#define DK_UNIX_SIGNALS_H

#include "../common/internal.h"

#define DK_N_SIGNALS 3

/* SU: run what fn stands for: nothing for DK_IGNORE_SIGNAL, the default
 * handler for DK_DEFAULT_SIGNAL, else fn itself, with signum. */
void dk__signal_dispatch(int signum, dk_signal_fn fn);

#endif
