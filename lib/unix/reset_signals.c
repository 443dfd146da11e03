#include "steps.h"

#include <signal.h>

void dk__reset_signals(void)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    /* The launcher may have ignored or blocked anything; the daemon starts
     * from the defaults. Signals the C library reserves refuse, harmlessly. */
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, SIG_DFL);
}
