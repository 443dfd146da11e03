/* ready.c: the daemon's readiness, reported only once a held signal would
 * be handled with cleanup. */
#include "steps.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* The write end of the launcher's readiness socket while it waits. */
static int pending_fd = -1;
static bool reported;

void dk__ready_pending(int fd)
{
    pending_fd = fd;
    reported = false;
}

/* Until the program installs handlers of its own: the PID file goes (only
 * async-signal-safe calls: fstat, lstat, unlink) and the daemon ends with
 * the status the default handler gives. */
static void end_with_cleanup(int signum)
{
    dk_notify_stopping();
    dk__cleanup_run();
    _exit(128 + signum);
}

/* Each held signal still at SIG_DFL would kill without cleanup once
 * unblocked: give it end_with_cleanup. Signals the program handles or
 * ignores are left as they are. */
static dk_status make_held_signals_safe(dk_error *err)
{
    sigset_t held;
    dk__held_signals(&held);
    for (int sig = 1; sig < NSIG; sig++) {
        if (!sigismember(&held, sig))
            continue;
        struct sigaction now;
        if (sigaction(sig, NULL, &now) < 0)
            return dk__fail(err, DK_ESYS, "H9", errno, "sigaction %d", sig);
        if (now.sa_handler != SIG_DFL || (now.sa_flags & SA_SIGINFO))
            continue;
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = end_with_cleanup;
        sigfillset(&sa.sa_mask);
        if (sigaction(sig, &sa, NULL) < 0)
            return dk__fail(err, DK_ESYS, "H9", errno, "sigaction %d", sig);
    }
    int e = pthread_sigmask(SIG_UNBLOCK, &held, NULL);
    if (e != 0)
        return dk__fail(err, DK_ESYS, "H9", e, "unblock held signals");
    return DK_OK;
}

dk_status dk_ready(dk_error *err)
{
    if (reported)
        return DK_OK;
    if (pending_fd < 0)
        return dk__fail(err, DK_ESTATE, "H3", 0,
                        "no launcher waits for this process's readiness");
    /* Ready means the PID file is this daemon's: say so only if it is. */
    dk_status st = dk__pidfile_still_ours(err);
    if (st != DK_OK)
        return st;
    st = make_held_signals_safe(err);
    /* A supervisor hears of readiness before the launcher exits 0, so that
     * "the launcher is done" means every listener was told. */
    if (st != DK_OK || (st = dk__notify_systemd_ready(err)) != DK_OK ||
        (st = dk__notify_fd_ready(err)) != DK_OK)
        return st;
    dk__report_ready(pending_fd);
    pending_fd = -1;
    reported = true;
    return DK_OK;
}

dk_status dk_not_ready(const char *why)
{
    if (pending_fd < 0)
        return DK_ESTATE;
    /* The PID file goes before the launcher hears of the failure, so that
     * when it exits non-zero nothing of the launch remains. */
    dk__cleanup_run();
    dk__created_remove();
    dk_error err;
    dk__fail(&err, DK_ECHILD, "H3", 0, "%s", why ? why : "not ready");
    dk__report_failure(pending_fd, &err);
    close(pending_fd);
    pending_fd = -1;
    return DK_OK;
}
