/* signals.h: the Unix signal handler's replaceable parts. */
#ifndef DK_UNIX_SIGNALS_H
#define DK_UNIX_SIGNALS_H

#include "../common/internal.h"

#define DK_N_SIGNALS 3

#endif
