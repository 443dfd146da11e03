/* SW1: a thread devoted to signals, and its loop (SW2..SW5). */
#include "signals.h"

#include <stdio.h>

/* Arm a sentinel and name it in the PID file; on failure say why in
 * s->thread_err. */
static bool arm(struct dk_signals *s, HANDLE *sentinel)
{
    DWORD pid;
    if (dk__win_sentinel_start(sentinel, &pid, &s->thread_err) != DK_OK)
        return false;
    if (dk__win_sentinel_publish(s->pid_file, pid, &s->thread_err) != DK_OK) {
        TerminateProcess(*sentinel, 0);
        CloseHandle(*sentinel);
        return false;
    }
    return true;
}

DWORD WINAPI dk__win_signal_loop(void *arg)
{
    struct dk_signals *s = arg;
    HANDLE sentinel;
    if (!arm(s, &sentinel))
        return 1;
    SetEvent(s->armed);
    int failed_waits = 0;
    for (;;) {
        HANDLE both[2] = {s->stop, sentinel};
        DWORD r = WaitForMultipleObjects(2, both, FALSE, INFINITE);
        /* A failed wait tells neither a signal nor a stop: wait again, a
         * few times, then give up as when no sentinel can be armed. */
        if (r == WAIT_FAILED && ++failed_waits <= 3)
            continue;
        if (r == WAIT_FAILED) {
            dk__win_fail(&s->thread_err, DK_ESYS, "SW2", GetLastError(),
                         "cannot wait for the sentinel");
            fprintf(stderr, "%s\n", s->thread_err.message);
            fflush(stderr);
        }
        failed_waits = 0;
        if (r != WAIT_OBJECT_0 + 1) {
            /* stop(): the sentinel goes with us, so nobody signals a thread
             * that is no longer listening. */
            TerminateProcess(sentinel, 0);
            WaitForSingleObject(sentinel, 5000);
            CloseHandle(sentinel);
            return 0;
        }
        DWORD code = 0;
        GetExitCodeProcess(sentinel, &code);
        CloseHandle(sentinel);
        int signum = dk__win_signal_of_exit_code(code);
        dk__signal_dispatch(signum, dk__win_handler_of(s, signum));
        /* SW5: a new sentinel for the next signal. If none can be started
         * the daemon can no longer be signalled: say so where its stderr
         * goes, and stop listening. */
        if (!arm(s, &sentinel)) {
            fprintf(stderr, "%s\n", s->thread_err.message);
            fflush(stderr);
            return 1;
        }
    }
}

dk_status dk__win_signal_thread_start(struct dk_signals *s, dk_error *err)
{
    s->stop = CreateEventW(NULL, TRUE, FALSE, NULL);
    s->armed = CreateEventW(NULL, TRUE, FALSE, NULL);
    if (s->stop == NULL || s->armed == NULL)
        goto fail_events;
    s->thread = CreateThread(NULL, 0, dk__win_signal_loop, s, 0, NULL);
    if (s->thread == NULL)
        goto fail_events;
    /* start() returns once the PID file names the first sentinel, so that
     * the daemon can be signalled as soon as it says it is ready. */
    HANDLE either[2] = {s->armed, s->thread};
    if (WaitForMultipleObjects(2, either, FALSE, INFINITE) == WAIT_OBJECT_0)
        return DK_OK;
    CloseHandle(s->thread);
    CloseHandle(s->stop);
    CloseHandle(s->armed);
    s->thread = s->stop = s->armed = NULL;
    if (err != NULL)
        *err = s->thread_err;
    return s->thread_err.status ? s->thread_err.status : DK_ESYS;

fail_events:
    {
        DWORD code = GetLastError();
        if (s->stop)
            CloseHandle(s->stop);
        if (s->armed)
            CloseHandle(s->armed);
        s->stop = s->armed = NULL;
        return dk__win_fail(err, DK_ESYS, "SW1", code, "signal thread");
    }
}
