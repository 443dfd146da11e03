/* signals.c: the signal handler object on Unix.
 *
 * A thread devoted to signals takes them with sigwait(), so handlers run in
 * an ordinary thread context and may call anything (stdio, malloc, exit),
 * which a classic signal handler may not. The three signals stay blocked in
 * every other thread, so the kernel hands them to that thread alone. */
#include "signals.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static const int handled[DK_N_SIGNALS] = {SIGINT, SIGTERM, SIGABRT};

struct dk_signals {
    pthread_mutex_t lock;
    dk_signal_fn handlers[DK_N_SIGNALS];
    bool running;
    pthread_t thread;
    sigset_t saved_mask;
    struct sigaction saved_actions[DK_N_SIGNALS];
};

static int slot_of(int signum)
{
    for (int i = 0; i < DK_N_SIGNALS; i++)
        if (handled[i] == signum)
            return i;
    return -1;
}

static void handled_set(sigset_t *set)
{
    sigemptyset(set);
    for (int i = 0; i < DK_N_SIGNALS; i++)
        sigaddset(set, handled[i]);
}

static void *signal_thread(void *arg)
{
    dk_signals *s = arg;
    sigset_t set;
    handled_set(&set);
    for (;;) {
        int signum;
        if (sigwait(&set, &signum) != 0 || slot_of(signum) < 0)
            continue;
        /* A handler runs to its end; stop() cancels only between signals. */
        pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, NULL);
        pthread_mutex_lock(&s->lock);
        dk_signal_fn fn = s->handlers[slot_of(signum)];
        pthread_mutex_unlock(&s->lock);
        dk__signal_dispatch(signum, fn);
        pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, NULL);
    }
    return NULL;
}

dk_status dk_signals_new(dk_signals **out, const char *pid_file,
                         dk_signal_fn on_int, dk_signal_fn on_term,
                         dk_signal_fn on_abrt, dk_error *err)
{
    (void)pid_file; /* Windows writes its sentinel's PID there; Unix needn't. */
    if (out == NULL)
        return dk__fail(err, DK_EINVAL, "SU", 0, "out is NULL");
    dk_signals *s = calloc(1, sizeof *s);
    if (s == NULL)
        return dk__fail(err, DK_ESYS, "SU", ENOMEM, "signal handler");
    pthread_mutex_init(&s->lock, NULL);
    s->handlers[0] = on_int;
    s->handlers[1] = on_term;
    s->handlers[2] = on_abrt;
    *out = s;
    return DK_OK;
}

dk_status dk_signals_set(dk_signals *s, int signum, dk_signal_fn fn,
                         dk_error *err)
{
    int slot = slot_of(signum);
    if (s == NULL || slot < 0)
        return dk__fail(err, DK_EINVAL, "SU", 0,
                        "signal %d is not SIGINT, SIGTERM or SIGABRT", signum);
    pthread_mutex_lock(&s->lock);
    s->handlers[slot] = fn;
    pthread_mutex_unlock(&s->lock);
    return DK_OK;
}

dk_status dk_signals_start(dk_signals *s, dk_error *err)
{
    if (s == NULL)
        return dk__fail(err, DK_EINVAL, "SU", 0, "signal handler is NULL");
    if (s->running)
        return dk__fail(err, DK_ESTATE, "SU", 0, "signal handling already started");
    sigset_t set;
    handled_set(&set);
    int e = pthread_sigmask(SIG_BLOCK, &set, &s->saved_mask);
    if (e != 0)
        return dk__fail(err, DK_ESYS, "SU", e, "pthread_sigmask");
    /* An inherited SIG_IGN may let the kernel drop the signal before
     * sigwait() sees it; the default disposition never does while blocked. */
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    for (int i = 0; i < DK_N_SIGNALS; i++)
        sigaction(handled[i], &dfl, &s->saved_actions[i]);
    e = pthread_create(&s->thread, NULL, signal_thread, s);
    if (e != 0) {
        for (int i = 0; i < DK_N_SIGNALS; i++)
            sigaction(handled[i], &s->saved_actions[i], NULL);
        pthread_sigmask(SIG_SETMASK, &s->saved_mask, NULL);
        return dk__fail(err, DK_ESYS, "SU", e, "signal thread");
    }
    s->running = true;
    return DK_OK;
}

dk_status dk_signals_stop(dk_signals *s, dk_error *err)
{
    if (s == NULL)
        return dk__fail(err, DK_EINVAL, "SU", 0, "signal handler is NULL");
    if (!s->running)
        return DK_OK;
    if (pthread_equal(pthread_self(), s->thread))
        return dk__fail(err, DK_ESTATE, "SU", 0,
                        "stop() called from a signal handler");
    pthread_cancel(s->thread);
    pthread_join(s->thread, NULL);
    for (int i = 0; i < DK_N_SIGNALS; i++)
        sigaction(handled[i], &s->saved_actions[i], NULL);
    pthread_sigmask(SIG_SETMASK, &s->saved_mask, NULL);
    s->running = false;
    return DK_OK;
}

void dk_signals_free(dk_signals *s)
{
    if (s == NULL)
        return;
    dk_signals_stop(s, NULL);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
