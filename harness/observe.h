/* observe.h: what the OS shows of a process, seen from outside.
 *
 * One backend per OS (observe_linux.c, observe_darwin.c, observe_freebsd.c),
 * and one for Windows processes (the end of this file). Every function is a
 * pure
 * observation: it never signals, waits for or otherwise touches the process.
 * The parsers are split from the readers so they can be unit-tested and
 * fuzzed on bytes alone.
 */
#ifndef DKCHECK_OBSERVE_H
#define DKCHECK_OBSERVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct obs_stat {
    pid_t pid;
    char state;          /* R, S, D, Z, T, ... */
    pid_t ppid;
    pid_t pgrp;
    pid_t sid;
    int tty_nr;          /* 0: no controlling terminal */
} obs_stat;

typedef struct obs_status {
    int umask;           /* -1 when the kernel does not show it */
    uint64_t sig_pending_thread;   /* SigPnd */
    uint64_t sig_pending_process;  /* ShdPnd */
    uint64_t sig_blocked;          /* SigBlk (main thread) */
    uint64_t sig_ignored;          /* SigIgn */
    uint64_t sig_caught;           /* SigCgt */
} obs_status;

/* Bit of signal signum in the masks above. */
#define OBS_SIGBIT(signum) (UINT64_C(1) << ((signum) - 1))

/* The signals the C library keeps for itself, whose disposition no program
 * can set (glibc's real-time signals below SIGRTMIN, 32 and 33), as a mask
 * of OBS_SIGBITs; 0 where there are none (macOS, FreeBSD). */
uint64_t obs_libc_signals(void);

typedef struct obs_fd {
    int fd;
    char target[4096];   /* what it is open on: a path, or "pipe:[N]" ... */
    int flags;           /* its open flags (O_APPEND, O_ACCMODE ...) */
    bool have_id;        /* dev and ino are known (not every backend) */
    unsigned long long dev, ino; /* the file it is open on */
} obs_fd;

/* The identity a process runs with (P1). */
#define OBS_MAX_GROUPS 256
typedef struct obs_ids {
    long uid[4];         /* real, effective, saved, file system */
    long gid[4];
    long groups[OBS_MAX_GROUPS];   /* supplementary, as the kernel lists them */
    size_t n_groups;
} obs_ids;

/* Parsers: 0 on success, -1 on malformed input (never crash, never read past
 * len). buf need not be NUL-terminated. */
int obs_parse_stat(const char *buf, size_t len, obs_stat *out);
int obs_parse_status(const char *buf, size_t len, obs_status *out);
int obs_parse_ids(const char *buf, size_t len, obs_ids *out);
int obs_parse_fdinfo_flags(const char *buf, size_t len, int *flags);

/* Readers: 0 on success, -1 with errno set (ENOENT/ESRCH: no such process,
 * or no such fd). */
int obs_read_stat(pid_t pid, obs_stat *out);
int obs_read_status(pid_t pid, obs_status *out);
/* -1 and ENOTSUP where the backend cannot tell all of it. */
int obs_read_ids(pid_t pid, obs_ids *out);
int obs_read_cwd(pid_t pid, char *buf, size_t size);
/* The path of the executable pid runs. */
int obs_read_exe(pid_t pid, char *buf, size_t size);
int obs_read_fd(pid_t pid, int fd, obs_fd *out);
/* The environment the OS shows others for pid: its entries, each
 * NUL-terminated, into buf (size bytes at most, the rest cut off); *len
 * gets the bytes written. On Linux that is the block laid out at exec as
 * it stands in the process's memory now (its environ file): a process
 * that only built itself a new environ array still shows the old block.
 * -1 and ENOTSUP where the backend does not read it. */
int obs_read_environ(pid_t pid, char *buf, size_t size, size_t *len);
/* The state of pid's liveliest thread: R (running or runnable) if any is,
 * else D (uninterruptible wait) if any is, else the main thread's (S, T,
 * ...). -1 with errno (ENOTSUP where the backend does not read threads). */
int obs_read_liveliest_state(pid_t pid, char *state);
/* The environment pid's C library holds (its environ array: what getenv
 * reads and what a child it execs inherits), as obs_read_environ gives
 * entries; where a process overwrote its exec-time block, this still
 * shows what it keeps. -1 and ENOTSUP where it cannot be found (no shared
 * C library mapped, another backend). */
int obs_read_environ_array(pid_t pid, char *buf, size_t size, size_t *len);
/* Every open fd of pid, ascending: the first max of them into out, and the
 * number open, which may be more than max (as snprintf does: call again
 * with room for them all, or use obs_list_all_fds); -1 on error. */
int obs_list_fds(pid_t pid, obs_fd *out, size_t max);
/* Every open fd of pid, ascending, however many: a malloc'd array (the
 * caller frees it) and its length in *n; NULL with errno on error. */
obs_fd *obs_list_all_fds(pid_t pid, size_t *n);

/* The process exists and is not a zombie. */
bool obs_alive(pid_t pid);
/* Living (non-zombie) descendants of root, excluding root, ascending.
 * Returns the count (at most max). */
size_t obs_descendants(pid_t root, pid_t *out, size_t max);
/* Children of root (zombies too). */
size_t obs_children(pid_t root, pid_t *out, size_t max);

/* ---- Windows processes -------------------------------------------------
 *
 * What Windows shows of a process. Its backend on Linux,
 * observe_win_wine.c, runs the probe (harness/win/, built as
 * build/win/dkprobe.exe) under Wine, one Wine process per call, so the
 * calls that wait do their waiting inside the probe, with a deadline. A
 * native Windows backend would call harness/win/probe.c directly.
 * Windows PIDs are not Linux PIDs: under Wine they are Wine's numbers. */

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

/* pid's environment, or with pid 0 (no process of Windows' own here) the
 * probe's: a Windows process started from our environment as a launcher
 * is. Its entries, "NAME=VALUE" each NUL-terminated (line breaks in a
 * value as spaces), into buf; their total length in *len. 0, or -1 if the
 * probe failed or could not read it (why says so). */
int win_read_env(win_pid pid, char *buf, size_t size, size_t *len, char *why,
                 size_t why_size);

/* TerminateProcess(pid, code). 0, or -1 (why says so). */
int win_terminate(win_pid pid, unsigned code, char *why, size_t why_size);

/* Wait up to seconds for pid to end: 1 and *code when it ended, 0 at the
 * deadline, 2 if it had already ended and gone when the probe looked (its
 * exit code lost with it), -1 if the probe failed. */
int win_wait_exit(win_pid pid, double seconds, unsigned long *code);
/* The same, pid opened before sentinel is ended with end_code, so that
 * pid's exit code is kept however soon it follows; -1 also if the
 * sentinel could not be ended. */
int win_end_then_wait(win_pid sentinel, unsigned end_code, win_pid pid,
                      double seconds, unsigned long *code);

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
