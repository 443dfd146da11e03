#include "signals.h"

#include <stdlib.h>

/* The orderly end Daemoniker gets by raising in the main thread: exit()
 * runs the exit cleanup (the PID file goes) and flushes stdio. */
void dk_default_signal_handler(int signum)
{
    dk_notify_stopping(); /* systemd: an orderly exit begins */
    exit(128 + signum);
}
