#include "steps.h"

#include <signal.h>

void dk__reset_signals(void)
{
    /* Nothing blocked but the held signals, which stay held until the
     * program's handlers are in place (dk_signals_start, dk_ready). */
    sigset_t held;
    dk__held_signals(&held);
    sigprocmask(SIG_SETMASK, &held, NULL);
    /* The launcher may have ignored or blocked anything; the daemon starts
     * from the defaults. Signals the C library reserves refuse, harmlessly. */
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, SIG_DFL);
}
