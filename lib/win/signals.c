/* signals.c: the signal handler object on Windows; see signals.h. */
#include "signals.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static const int handled[DK_N_SIGNALS] = {SIGINT, SIGTERM, SIGABRT};

static int slot_of(int signum)
{
    for (int i = 0; i < DK_N_SIGNALS; i++)
        if (handled[i] == signum)
            return i;
    return -1;
}

dk_signal_fn dk__win_handler_of(struct dk_signals *s, int signum)
{
    int slot = slot_of(signum);
    if (slot < 0)
        return DK_IGNORE_SIGNAL;
    EnterCriticalSection(&s->lock);
    dk_signal_fn fn = s->handlers[slot];
    LeaveCriticalSection(&s->lock);
    return fn;
}

dk_status dk_signals_new(dk_signals **out, const char *pid_file,
                         dk_signal_fn on_int, dk_signal_fn on_term,
                         dk_signal_fn on_abrt, dk_error *err)
{
    if (out == NULL)
        return dk__fail(err, DK_EINVAL, "SW1", 0, "out is NULL");
    if (pid_file == NULL || !dk__path_is_absolute(pid_file))
        return dk__fail(err, DK_EINVAL, "SW3", 0,
                        "signals on Windows need the absolute path of the PID "
                        "file, got %s", pid_file ? pid_file : "NULL");
    dk_signals *s = calloc(1, sizeof *s);
    if (s == NULL)
        return dk__fail(err, DK_ESYS, "SW1", ENOMEM, "signal handler");
    if (dk__win_widen(pid_file, s->pid_file, DK_WIN_PATH) < 0) {
        free(s);
        return dk__fail(err, DK_EINVAL, "SW3", 0, "%s: not a valid path",
                        pid_file);
    }
    snprintf(s->pid_file_u8, sizeof s->pid_file_u8, "%s", pid_file);
    InitializeCriticalSection(&s->lock);
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
        return dk__fail(err, DK_EINVAL, "SW4", 0,
                        "signal %d is not SIGINT, SIGTERM or SIGABRT", signum);
    EnterCriticalSection(&s->lock);
    s->handlers[slot] = fn;
    LeaveCriticalSection(&s->lock);
    return DK_OK;
}

dk_status dk_signals_start(dk_signals *s, dk_error *err)
{
    if (s == NULL)
        return dk__fail(err, DK_EINVAL, "SW1", 0, "signal handler is NULL");
    if (s->running)
        return dk__fail(err, DK_ESTATE, "SW1", 0,
                        "signal handling already started");
    dk_status st = dk__win_signal_thread_start(s, err);
    if (st == DK_OK)
        s->running = true;
    return st;
}

dk_status dk_signals_stop(dk_signals *s, dk_error *err)
{
    if (s == NULL)
        return dk__fail(err, DK_EINVAL, "SW5", 0, "signal handler is NULL");
    if (!s->running)
        return DK_OK;
    if (GetThreadId(s->thread) == GetCurrentThreadId())
        return dk__fail(err, DK_ESTATE, "SW5", 0,
                        "stop() called from a signal handler");
    SetEvent(s->stop);
    WaitForSingleObject(s->thread, INFINITE);
    CloseHandle(s->thread);
    CloseHandle(s->stop);
    CloseHandle(s->armed);
    s->thread = s->stop = s->armed = NULL;
    s->running = false;
    return dk__win_pidfile_restore(s->pid_file, err);
}

void dk_signals_free(dk_signals *s)
{
    if (s == NULL)
        return;
    dk_signals_stop(s, NULL);
    DeleteCriticalSection(&s->lock);
    free(s);
}
