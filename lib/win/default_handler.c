#include "signals.h"

#include <stdlib.h>

/* The orderly end Daemoniker gets by raising in the main thread: exit()
 * runs the exit handlers (the PID file goes) and flushes stdio, from the
 * signal thread as well as from any other. */
void dk_default_signal_handler(int signum)
{
    exit(128 + signum);
}
