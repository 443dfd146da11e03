#include "steps.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>

void dk__held_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGABRT);
}

int dk__hold_signals(sigset_t *old)
{
    /* Blocked before the fork, so the daemon is born with them held: a
     * TERM sent the instant it exists waits for its handlers instead of
     * killing it by the default action, without cleanup. */
    sigset_t held;
    dk__held_signals(&held);
    int e = pthread_sigmask(SIG_BLOCK, &held, old);
    if (e != 0) {
        errno = e;
        return -1;
    }
    return 0;
}

int dk__hold_launcher_signals(sigset_t *old)
{
    /* A launcher ended between creating the PID file and forking would
     * leave an empty PID file and no daemon. Held over that span, such a
     * signal ends it only after the fork, when the daemon owns the file:
     * either a daemon with its PID file, or neither. (SIGKILL cannot be
     * held; its window is the few calls between create and fork.) */
    static const int ending[] = {SIGINT, SIGTERM, SIGABRT, SIGHUP, SIGQUIT,
                                 SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE};
    sigset_t set;
    sigemptyset(&set);
    for (size_t i = 0; i < sizeof ending / sizeof ending[0]; i++)
        sigaddset(&set, ending[i]);
    int e = pthread_sigmask(SIG_BLOCK, &set, old);
    if (e != 0) {
        errno = e;
        return -1;
    }
    return 0;
}
