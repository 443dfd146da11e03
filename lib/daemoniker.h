/* daemoniker.h: the whole public API of libdaemoniker.
 *
 * A C rendering of the Python library Daemoniker: daemonize a program on
 * Unix (double fork) and on Windows (relaunch detached), and handle SIGINT,
 * SIGTERM and SIGABRT the same way on both.
 *
 * Errors are values: every call that can fail returns DK_OK or a negative
 * dk_status and, when given a dk_error, fills it with a one-line message that
 * names the step and the path, e.g.
 *   "daemoniker: U1: /run/x.pid: PID file exists, held by live process 4242"
 */
#ifndef DAEMONIKER_H
#define DAEMONIKER_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header; dk_version() gives the library's, which can
 * differ when a program runs against a newer shared library. */
#define DK_VERSION_MAJOR 0
#define DK_VERSION_MINOR 2
#define DK_VERSION_PATCH 0
#define DK__STR2(x) #x
#define DK__STR(x) DK__STR2(x)
#define DK_VERSION_STRING                                                    \
    DK__STR(DK_VERSION_MAJOR) "." DK__STR(DK_VERSION_MINOR) "."              \
    DK__STR(DK_VERSION_PATCH)

typedef enum dk_status {
    DK_OK = 0,
    DK_EINVAL = -1,     /* bad argument: NULL, empty, relative, out of range */
    DK_EEXIST = -2,     /* the PID file exists (live or stale) */
    DK_ESYS = -3,       /* a system call failed; dk_error.sys_errno says why */
    DK_ECHILD = -4,     /* the daemon failed after the fork, or never reported */
    DK_ETIMEDOUT = -5,  /* no word from the daemon within success_timeout */
    DK_ESTATE = -6      /* call out of order (start twice, stop in a handler) */
} dk_status;

#define DK_ERROR_MAX 512

typedef struct dk_error {
    dk_status status;
    int sys_errno;           /* errno of the failing call, or 0 */
    char step[8];            /* step id: "U1", "W10", "SU", "H9"... */
    char message[DK_ERROR_MAX];
} dk_error;

#define DK_MAX_SHIELDED 64
#define DK_DEFAULT_UMASK 027
#define DK_DEFAULT_FD_FALLBACK_LIMIT 1024
#define DK_DEFAULT_SUCCESS_TIMEOUT 30.0

/* Options of daemonization; start from dk_options_init(). */
typedef struct dk_options {
    const char *pid_file;      /* required; absolute path */
    const char *chdir;         /* NULL: the caller's cwd, made absolute */
    const char *stdin_path;    /* NULL: the null device; must exist */
    const char *stdout_path;   /* NULL: the null device; created, appended */
    const char *stderr_path;   /* NULL: the null device; created, appended */
    int umask;                 /* 0..0777; default 027 */
    const int *shielded_fds;   /* kept open in the daemon */
    size_t n_shielded_fds;
    long fd_fallback_limit;    /* highest fd to close when the limit is unknown */
    double success_timeout;    /* seconds the launcher waits for the daemon,
                                * (0, 86400]; one that gives up ends the
                                * daemon and removes the PID file (Unix) */
    bool strip_cmd_args;       /* Windows: relaunch without the arguments */
    bool defer_ready;          /* the launcher waits for dk_ready() */
    /* Readiness for a supervisor (Unix). systemd's needs no option: when
     * NOTIFY_SOCKET is in the daemon's environment (a path, or '@' for the
     * abstract namespace), readiness sends it "READY=1\nMAINPID=<pid>" and
     * removes NOTIFY_SOCKET from the environment, so that the daemon's own
     * children do not inherit it; the default signal handlers (and
     * dk_notify_stopping) send "STOPPING=1" there. s6's: notify_fd, an fd
     * the supervisor gave (>= 3; -1, the default: none), kept open in the
     * daemon only (close-on-exec), closed in the launcher; readiness
     * writes "\n" to it and closes it. */
    int notify_fd;
    /* Privileges (Unix): the daemon ends with the real, effective and saved
     * uid of user and gid of group (NULL: the user's primary group), and
     * the supplementary groups initgroups(3) gives the user. Needs root
     * (unless the caller already is exactly that identity); the PID file is
     * given to the user, and its directory must let the user remove it
     * (writable by it, or sticky and world-writable). NULL: no change. */
    const char *user;
    const char *group;         /* only with user */
    /* daemon(7)'s item 4 (Unix; DK_PROFILE_DAEMON7 sets it): the daemon
     * keeps only PATH, LANG, LANGUAGE, TZ, NOTIFY_SOCKET and the LC_*
     * variables. On Linux the environment block that /proc/PID/environ
     * (and ps e) shows is rewritten to hold only them too, when the
     * environment still has an entry there; elsewhere only environ
     * changes. The launcher's environment is not touched. */
    bool sanitize_env;
} dk_options;

void dk_options_init(dk_options *opts);

/* Option sets named for the checklist they meet (Unix; on Windows only the
 * working directory applies):
 * - DK_PROFILE_DAEMONIKER: dk_options_init()'s defaults, the Python
 *   Daemoniker's (umask 027, the caller's cwd);
 * - DK_PROFILE_DAEMON7: systemd daemon(7)'s list for SysV daemons: umask 0,
 *   cwd "/" and the environment sanitized (sanitize_env). Both profiles close every descriptor but stdio (and the
 *   shielded ones), reset every signal disposition to its default, clear
 *   the signal mask and put stdio on the null device. */
typedef enum dk_profile {
    DK_PROFILE_DAEMONIKER = 0,
    DK_PROFILE_DAEMON7 = 1
} dk_profile;

/* dk_options_init(), then the profile's values (an unknown profile is
 * DK_PROFILE_DAEMONIKER). */
void dk_options_init_profile(dk_options *opts, dk_profile profile);

/* Checks the options alone (no file system access). */
dk_status dk_options_check(const dk_options *opts, dk_error *err);

/* Readiness and the start-up signal window (Unix).
 *
 * SIGINT, SIGTERM and SIGABRT are held (blocked) from before the fork, so
 * the daemon is born with them held: one sent the instant the daemon
 * exists is never lost and never kills it without cleanup; it is delivered
 * once handlers are in place, by dk_signals_start() (which unblocks them in
 * its calling thread) or by dk_ready().
 *
 * The launcher exits 0 only when the daemon is ready:
 * - by default (defer_ready false), when daemonizing returns in the daemon;
 *   dk_ready() has then run for the program: each held signal still at its
 *   default action was given a handler that removes the PID file and ends
 *   the daemon with status 128+signum, and the signals were let in. A
 *   handler installed later (dk_signals_start, sigaction) replaces it.
 * - with defer_ready true, when the daemon calls dk_ready(), typically after
 *   dk_signals_start() and whatever else must work before the caller may
 *   count on the daemon (a socket bound, a file written). A failure before
 *   that goes to the launcher with dk_not_ready(why): the PID file is
 *   removed, the launcher prints why as its one line and exits 1, and the
 *   daemon should then exit.
 * The launcher gives up after success_timeout either way; on Unix it then
 * ends the daemon, waits until it is gone and removes the PID file if it
 * is still the one it created and nobody holds its lock, so that a launch
 * given up leaves nothing (not an empty PID file refusing the next one).
 *
 * dk_ready() returns DK_OK (again DK_OK once reported), DK_ESTATE in a
 * process no launcher waits for, or DK_ECHILD (reporting nothing) when the
 * PID file's path no longer names the file the daemon created and locked:
 * something of the program's start-up removed or wrote over it (a ready or
 * log file pointed at it), and "ready" would promise a PID file that no
 * lock guards and no cleanup removes; the caller then calls dk_not_ready(). On Windows the same holds for
 * defer_ready (the relaunched daemon must pass the launcher's options to
 * dk_daemonizer_run, as running the same code does); without it, readiness
 * is reported when daemonizing completes. */
dk_status dk_ready(dk_error *err);
dk_status dk_not_ready(const char *why);

/* systemd's "STOPPING=1", for a program whose own handler begins an orderly
 * exit (the default handlers send it themselves): sent to the NOTIFY_SOCKET
 * the daemon had when it reported ready, if any; nothing otherwise, and
 * nothing on Windows. Async-signal-safe. */
void dk_notify_stopping(void);

/* The simple call. Returns DK_OK in the daemon; the launcher never returns
 * from a successful call: it waits until the daemon reports that every step
 * succeeded, then exits 0 (or prints the daemon's error and exits 1).
 * Before the fork a failure returns in the caller, leaving nothing behind.
 * A launcher that dies (killed) while daemonizing leaves a consistent
 * state: from the PID file's creation to the fork, the signals that would
 * end it (INT, TERM, ABRT, HUP, QUIT, USR1, USR2, ALRM, PIPE) are held, so
 * it dies either before the file exists (nothing is left) or after the
 * fork, and then the daemon lives on with its PID file, as Daemoniker's
 * daemon does (its launcher does not even wait): the launcher's caller sees
 * it die, the daemon runs. Only SIGKILL, which cannot be held, in the few
 * calls between creation and fork can leave an empty PID file.
 *
 * Whatever the caller's descriptors 0, 1 and 2 are (closed, say, by cron
 * or inetd), the library keeps its own descriptors above them (Unix), so
 * the daemon's stdio redirection cannot close its PID file. A launch that
 * fails after creating stdout's or stderr's file removes it. One
 * daemonization per process: in a process that already is a daemon of
 * libdaemoniker, or a launcher still waiting (the Daemonizer form before
 * dk_daemonizer_end), a second call returns DK_ESTATE ("H11: ...") and
 * touches nothing: its launcher half would exit without the first
 * daemon's cleanup, and on the same PID file it would drop the running
 * daemon's lock. A process forked from the daemon may daemonize again. */
dk_status dk_daemonize(const dk_options *opts, dk_error *err);

/* The Daemonizer form, for a program that must run the same on Windows,
 * where the daemon is a fresh process that has to skip the setup code and
 * get the caller's state back.
 *
 *     dk_daemonizer dz;
 *     bool is_setup = dk_daemonizer_begin(&dz);
 *     if (is_setup) { ...parse arguments, build the state... }
 *     bool is_parent;
 *     if (dk_daemonizer_run(&dz, &opts, state, len, &is_parent, &err)) {...}
 *     if (is_parent) { ...launcher-only code... }
 *     dk_daemonizer_end(&dz);          // the launcher exits here
 *     use dk_daemonizer_state(&dz, &len) in the daemon
 *
 * On Unix is_setup is always true and the state buffer is copied across the
 * fork; on Windows the relaunched daemon has is_setup false and reads the
 * state back from the file its launcher wrote. */
typedef struct dk_daemonizer {
    bool is_setup;
    bool is_parent;
    int ready_fd;              /* launcher: read end of the readiness pipe */
    long daemon_pid;           /* launcher: the daemon, once it reported */
    double success_timeout;
    char pid_file[4096];       /* launcher: to clean up after a timeout */
    unsigned char *state;      /* the daemon's copy of the caller's state */
    size_t state_len;
} dk_daemonizer;

bool dk_daemonizer_begin(dk_daemonizer *dz);
dk_status dk_daemonizer_run(dk_daemonizer *dz, const dk_options *opts,
                            const void *state, size_t state_len,
                            bool *is_parent, dk_error *err);
/* In the launcher: waits for the daemon's report and exits (never returns).
 * In the daemon: returns DK_OK. */
dk_status dk_daemonizer_end(dk_daemonizer *dz);
const void *dk_daemonizer_state(const dk_daemonizer *dz, size_t *len);
void dk_daemonizer_free(dk_daemonizer *dz);

/* Signals.
 *
 * Handlers receive the signal number only, and run on a thread devoted to
 * signals (not in signal context), so they may call any function: the real
 * signal handler only writes the number into a pipe that thread reads.  The
 * default handler of each signal ends the daemon the orderly way: exit()
 * with status 128+signum, so exit cleanup runs and the PID file is removed.
 * One handler object runs at a time. */
typedef void (*dk_signal_fn)(int signum);

#define DK_DEFAULT_SIGNAL ((dk_signal_fn)0)
#define DK_IGNORE_SIGNAL ((dk_signal_fn)1)

typedef struct dk_signals dk_signals;

/* pid_file is used on Windows (the sentinel's PID goes there); may be NULL
 * on Unix. Handlers: DK_DEFAULT_SIGNAL, DK_IGNORE_SIGNAL or a function. */
dk_status dk_signals_new(dk_signals **out, const char *pid_file,
                         dk_signal_fn on_int, dk_signal_fn on_term,
                         dk_signal_fn on_abrt, dk_error *err);
/* Replace one handler; allowed while running. signum: SIGINT/TERM/ABRT. */
dk_status dk_signals_set(dk_signals *s, int signum, dk_signal_fn fn,
                         dk_error *err);
dk_status dk_signals_start(dk_signals *s, dk_error *err);
/* Idempotent; restores the dispositions seen by start(); signals that came
 * before it are still handled. Not from a handler (DK_ESTATE). */
dk_status dk_signals_stop(dk_signals *s, dk_error *err);
void dk_signals_free(dk_signals *s);

/* Deliver signum to the process named in pid_file (Unix: kill(2);
 * Windows: TerminateProcess with signum as exit code).
 * Unix: only to a live daemon of ours: the process holding the PID file's
 * lock (a POSIX fcntl lock, whose holder F_GETLK names) must be the one the
 * file names; a stale file, or one naming a process that does not hold the
 * lock (a stranger, a reused PID), is refused (DK_EINVAL), nothing sent.
 * Never call it from the daemon on its own PID file: any close of that
 * file in the daemon's process releases the daemon's lock. */
dk_status dk_send(const char *pid_file, int signum, dk_error *err);

/* The default handler, for callers that wrap it. */
void dk_default_signal_handler(int signum);

/* The library version, "MAJOR.MINOR.PATCH". */
const char *dk_version(void);

#ifdef __cplusplus
}
#endif
#endif
