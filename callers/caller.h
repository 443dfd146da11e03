/* caller.h: one caller of libdaemoniker in a chosen state, for the caller
 * matrix (matrix.c, scripts/check.d/71-caller-matrix).
 *
 * The matrix execs its own program as the caller, with the environment the
 * cell asks for (so that it lies in the block the kernel laid out, as a
 * real caller's does); the caller then puts itself in the rest of the
 * state (descriptors closed, limits, signals, threads, umask) and calls
 * dk_daemonize, as a program would. */
#ifndef DK_CALLERS_CALLER_H
#define DK_CALLERS_CALLER_H

#include <stdbool.h>

typedef struct caller_state {
    const char *pidfile;
    const char *ready;       /* the daemon writes "PID WORD\n" here */
    unsigned closed;         /* bit i: fd i (0..2) closed before the call */
    long nofile;             /* soft RLIMIT_NOFILE, or 0: unchanged */
    bool sigchld_ignored;
    bool all_blocked;        /* every signal blocked in the calling thread */
    int threads;             /* busy threads running beside the call */
    int umask;               /* -1: unchanged */
    bool daemon7;            /* DK_PROFILE_DAEMON7 (the environment sanitized) */
    const char *second;      /* NULL, or the PID file of a second call the
                              * daemon makes (expected refused) */
    const char *stdout_path; /* NULL: the null device */
    double timeout;          /* success_timeout, or 0: 20 s */
    bool stall;              /* the daemon never says it is ready */
} caller_state;

/* argv after "--caller" -> state; 0, or -1 (a line on stderr). */
int caller_parse(int argc, char **argv, caller_state *s);
/* Put this process in the state and call dk_daemonize; in the daemon, the
 * second call if asked, the ready file, dk_ready, then wait for signals.
 * Returns the launcher's exit status only when the call fails before the
 * fork (1, its one line on stderr). */
int caller_run(const caller_state *s);

#endif
