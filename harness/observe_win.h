/* observe_win.h: what Windows shows of a process, seen from outside.
 *
 * The Windows counterpart of observe.h. Its backend on Linux,
 * observe_win_wine.c, runs the probe (harness/win/, built as
 * build/win/dkprobe.exe) under Wine, one Wine process per call, so the
 * calls that wait do their waiting inside the probe, with a deadline.
 * A native Windows backend would call harness/win/probe.c directly.
 *
 * Windows PIDs are not Linux PIDs: under Wine they are Wine's numbers. */
#ifndef DKCHECK_OBSERVE_WIN_H
#define DKCHECK_OBSERVE_WIN_H

#include <stdbool.h>
#include <stddef.h>

typedef unsigned long win_pid;

typedef struct win_proc {
    win_pid pid, ppid;
    unsigned long threads;
    char exe[260];             /* the image name, without directory */
} win_proc;

typedef struct win_handle {
    char type[16];             /* none, disk, char, pipe, closed, unknown */
    char path[1024];           /* disk files: "\\?\Z:\..." */
} win_handle;

typedef struct win_info {
    bool found, alive;
    unsigned long exit_code;   /* when !alive */
    win_pid ppid;
    unsigned long threads;
    char image[1024];          /* full path of the executable */
    bool have_params;          /* the rest is read from its PEB */
    char cwd[1024];
    char cmdline[2048];
    unsigned long long console; /* 0 (Wine) or ~0 (Windows): detached */
    unsigned long console_flags; /* bit 0: Ctrl+C ignored: new process group */
    win_handle std[3];
    bool has_var;
    char var[1024];
} win_info;

/* Every process. The count (at most max written), or -1 if the probe
 * failed (its reason in why). */
long win_snapshot(win_proc *out, size_t max, char *why, size_t why_size);

/* pid's state; var, if not NULL, an environment variable to look up in it.
 * 0, or -1 if the probe failed. */
int win_read(win_pid pid, const char *var, win_info *out, char *why,
             size_t why_size);

/* TerminateProcess(pid, code). 0, or -1 (why says so). */
int win_terminate(win_pid pid, unsigned code, char *why, size_t why_size);

/* Wait up to seconds for pid to end: 1 and *code when it ended, 0 at the
 * deadline, -1 if it is already gone or the probe failed. */
int win_wait_exit(win_pid pid, double seconds, unsigned long *code);

/* End pid with code, then wait up to seconds until the PID file (a Windows
 * path) names another living process: its PID, or 0 at the deadline.
 * *micros gets the time the probe measured (may be NULL). */
win_pid win_signal(win_pid pid, unsigned code, const char *pid_file,
                   double seconds, long *micros);

/* Wait up to seconds until the PID file names a living process other
 * than old: its PID, or 0. */
win_pid win_await_pidfile(const char *pid_file, win_pid old, double seconds);

/* The Windows path of a Linux path (Wine's Z: drive), in out. */
void win_path_of(const char *linux_path, char *out, size_t size);

#endif
