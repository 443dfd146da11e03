/* signals.c: the signal handler object on Unix.
 *
 * A real signal handler does one async-signal-safe thing: it writes the
 * signal number into a pipe. A thread devoted to signals reads the pipe and
 * runs the chosen handler there, in an ordinary thread context, so handlers
 * may call anything (stdio, malloc, exit). Unlike sigwait() on signals
 * blocked everywhere, this sees raise() and signals aimed at any thread, and
 * needs nothing from threads created before start(). */
#include "cloexec.h"
#include "signals.h"
#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const int handled[DK_N_SIGNALS] = {SIGINT, SIGTERM, SIGABRT};

/* A signal handler reaches only statics: one running object at a time. */
static int signal_pipe[2] = {-1, -1};
static struct dk_signals *running;
static pthread_mutex_t running_lock = PTHREAD_MUTEX_INITIALIZER;

/* Byte on the pipe that tells the thread to stop; no signal is 0. */
#define STOP_BYTE 0

struct dk_signals {
    pthread_mutex_t lock;
    dk_signal_fn handlers[DK_N_SIGNALS];
    bool started;
    pthread_t thread;
    struct sigaction saved[DK_N_SIGNALS];
};

static int slot_of(int signum)
{
    for (int i = 0; i < DK_N_SIGNALS; i++)
        if (handled[i] == signum)
            return i;
    return -1;
}

static void on_signal(int signum)
{
    int saved_errno = errno;
    unsigned char byte = (unsigned char)signum;
    (void)!write(signal_pipe[1], &byte, 1);
    errno = saved_errno;
}

static void *signal_thread(void *arg)
{
    dk_signals *s = arg;
    for (;;) {
        unsigned char byte;
        ssize_t n = read(signal_pipe[0], &byte, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || byte == STOP_BYTE)
            return NULL;
        int slot = slot_of(byte);
        if (slot < 0)
            continue;
        pthread_mutex_lock(&s->lock);
        dk_signal_fn fn = s->handlers[slot];
        pthread_mutex_unlock(&s->lock);
        dk__signal_dispatch(byte, fn);
    }
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

static void close_pipe(void)
{
    close(signal_pipe[0]);
    close(signal_pipe[1]);
    signal_pipe[0] = signal_pipe[1] = -1;
}

static void restore_dispositions(dk_signals *s)
{
    for (int i = 0; i < DK_N_SIGNALS; i++)
        sigaction(handled[i], &s->saved[i], NULL);
}

static dk_status start_locked(dk_signals *s, dk_error *err)
{
    if (s->started)
        return dk__fail(err, DK_ESTATE, "SU", 0,
                        "signal handling already started");
    if (running != NULL)
        return dk__fail(err, DK_ESTATE, "SU", 0,
                        "another signal handler is running");
    if (dk__pipe_cloexec(signal_pipe) < 0)
        return dk__fail(err, DK_ESYS, "SU", errno, "signal pipe");
    /* A flood of signals must never block a handler: drop what the pipe
     * cannot hold (the same signal queued twice is one signal anyway). */
    if (fcntl(signal_pipe[1], F_SETFL, O_NONBLOCK) < 0) {
        int e = errno;
        close_pipe();
        return dk__fail(err, DK_ESYS, "SU", e, "signal pipe: O_NONBLOCK");
    }
    int e = pthread_create(&s->thread, NULL, signal_thread, s);
    if (e != 0) {
        close_pipe();
        return dk__fail(err, DK_ESYS, "SU", e, "signal thread");
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    for (int i = 0; i < DK_N_SIGNALS; i++) {
        if (sigaction(handled[i], &sa, &s->saved[i]) == 0)
            continue;
        int e = errno, failed = handled[i];
        while (i-- > 0) /* the ones already set go back */
            sigaction(handled[i], &s->saved[i], NULL);
        unsigned char stop = STOP_BYTE;
        (void)!write(signal_pipe[1], &stop, 1);
        pthread_join(s->thread, NULL);
        close_pipe();
        return dk__fail(err, DK_ESYS, "SU", e, "sigaction %d", failed);
    }
    /* The handlers are in place: signals held since the fork are let in
     * (in this thread; the signal thread keeps them blocked) and handled. */
    sigset_t held;
    dk__held_signals(&held);
    pthread_sigmask(SIG_UNBLOCK, &held, NULL);
    s->started = true;
    running = s;
    return DK_OK;
}

dk_status dk_signals_start(dk_signals *s, dk_error *err)
{
    if (s == NULL)
        return dk__fail(err, DK_EINVAL, "SU", 0, "signal handler is NULL");
    pthread_mutex_lock(&running_lock);
    dk_status st = start_locked(s, err);
    pthread_mutex_unlock(&running_lock);
    return st;
}

dk_status dk_signals_stop(dk_signals *s, dk_error *err)
{
    if (s == NULL)
        return dk__fail(err, DK_EINVAL, "SU", 0, "signal handler is NULL");
    pthread_mutex_lock(&running_lock);
    if (!s->started) {
        pthread_mutex_unlock(&running_lock);
        return DK_OK;
    }
    if (pthread_equal(pthread_self(), s->thread)) {
        pthread_mutex_unlock(&running_lock);
        return dk__fail(err, DK_ESTATE, "SU", 0,
                        "stop() called from a signal handler");
    }
    /* Dispositions first, so no handler writes after the stop byte; the
     * signals already in the pipe are still handled, in order. */
    restore_dispositions(s);
    unsigned char stop = STOP_BYTE;
    while (write(signal_pipe[1], &stop, 1) < 0 && errno == EAGAIN)
        sched_yield();
    pthread_join(s->thread, NULL);
    close_pipe();
    s->started = false;
    running = NULL;
    pthread_mutex_unlock(&running_lock);
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
