/* signals.h: the Windows signal handler's parts (SW1..SW6).
 *
 * Windows has no signals to send to another process. Daemoniker's answer:
 * the daemon keeps a sentinel child that sleeps for ever, and publishes the
 * sentinel's PID in the PID file. Whoever wants to signal the daemon ends
 * the sentinel with TerminateProcess, the exit code being the signal
 * number; a thread of the daemon, waiting on the sentinel, turns its end
 * into a handler call and starts the next sentinel. */
#ifndef DK_WIN_SIGNALS_H
#define DK_WIN_SIGNALS_H

#include "win.h"

#define DK_N_SIGNALS 3

struct dk_signals {
    CRITICAL_SECTION lock;
    dk_signal_fn handlers[DK_N_SIGNALS];
    wchar_t pid_file[DK_WIN_PATH];
    char pid_file_u8[DK_WIN_PATH];
    bool running;
    HANDLE thread;
    HANDLE stop;        /* set by stop(): the thread ends its sentinel, returns */
    HANDLE armed;       /* set by the thread once the first sentinel is named */
    dk_error thread_err; /* why the thread could not arm, for start() */
};

/* The handler for signum, under the lock; DK_IGNORE_SIGNAL if none. */
dk_signal_fn dk__win_handler_of(struct dk_signals *s, int signum);

/* SW1: start the thread devoted to signals; it arms the first sentinel
 * before start() returns. */
dk_status dk__win_signal_thread_start(struct dk_signals *s, dk_error *err);
/* The thread's loop (SW2..SW5), for the starter above. */
DWORD WINAPI dk__win_signal_loop(void *arg);

/* SW2: start a sentinel: this executable again, in sentinel mode (an
 * environment variable naming this daemon), detached, sleeping until it is
 * ended or this daemon is gone. */
dk_status dk__win_sentinel_start(HANDLE *process, DWORD *pid, dk_error *err);

/* SW3: name the sentinel in the PID file. */
dk_status dk__win_sentinel_publish(const wchar_t *pid_file, DWORD pid,
                                   dk_error *err);

/* SW4: the signal a sentinel's exit code stands for (CTRL_C_EVENT 0 and
 * CTRL_BREAK_EVENT 1 are SIGINT). */
int dk__win_signal_of_exit_code(DWORD code);

/* SW5: on stop, the PID file names this process again. */
dk_status dk__win_pidfile_restore(const wchar_t *pid_file, dk_error *err);

#endif
