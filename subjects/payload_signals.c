#include "payload_signals.h"

#include "subject_payload.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int apply(int signum, subject_action action, sigset_t *logged)
{
    if (action == ACTION_LOG)
        sigaddset(logged, signum);
    else if (action == ACTION_IGNORE && signal(signum, SIG_IGN) == SIG_ERR) {
        fprintf(stderr, "payload: signal %d: %s\n", signum, strerror(errno));
        return -1;
    }
    return 0;
}

int payload_signals_start(const subject_args *a, sigset_t *logged)
{
    sigemptyset(logged);
    if (apply(SIGINT, a->on_int, logged) < 0 ||
        apply(SIGTERM, a->on_term, logged) < 0 ||
        apply(SIGABRT, a->on_abrt, logged) < 0)
        return -1;
    if (sigprocmask(SIG_BLOCK, logged, NULL) < 0) {
        fprintf(stderr, "payload: sigprocmask: %s\n", strerror(errno));
        return -1;
    }
    return 0;
}

/* No signal in set (sigisemptyset is glibc's only). */
static int none_in(const sigset_t *set)
{
    for (int s = 1; s < 65; s++)
        if (sigismember(set, s) == 1)
            return 0;
    return 1;
}

void payload_serve(const sigset_t *logged)
{
    if (none_in(logged))
        subject_wait_forever();
    for (;;) {
        int signum;
        if (sigwait(logged, &signum) == 0)
            subject_log_signal(signum);
    }
}
