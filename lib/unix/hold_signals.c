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
