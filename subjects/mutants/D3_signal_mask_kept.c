/* D3 broken: every disposition is reset to its default, but the mask the
 * launcher left (with the signals held while daemonizing) is kept.
 * wraps: dk__reset_signals
 */
#include <signal.h>

void __wrap_dk__reset_signals(void)
{
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, SIG_DFL);
}
