/* SU broken: handlers are installed the System V way (SA_RESETHAND, what
 * signal() does there): after the first delivery the signal is back to the
 * system default, so a second SIGTERM kills the daemon outright instead of
 * reaching its handler.
 * wraps: sigaction
 */
#include <signal.h>
#include <stddef.h>

int __real_sigaction(int signum, const struct sigaction *act,
                     struct sigaction *old);

int __wrap_sigaction(int signum, const struct sigaction *act,
                     struct sigaction *old)
{
    if (act == NULL || act->sa_handler == SIG_DFL || act->sa_handler == SIG_IGN)
        return __real_sigaction(signum, act, old);
    struct sigaction once = *act;
    once.sa_flags |= SA_RESETHAND;
    return __real_sigaction(signum, &once, old);
}
