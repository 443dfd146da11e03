/* case.h: what a conformance case uses: its sandbox, launching the subject
 * the way CONTRACT.md §2 says, and finding the daemon it left; the same
 * for a Unix subject and a Windows one (run under Wine, with Windows
 * paths: the launch translates them, a case names Linux paths).
 *
 * Every case runs in its own Criterion worker process, which makes itself
 * the child subreaper, so the daemon (orphaned by its double fork) becomes
 * our child: we see the intermediate exit, reap the daemon, and kill all of
 * it in case_fini() whatever the verdict.
 */
#ifndef DKCHECK_CASE_H
#define DKCHECK_CASE_H

#include "observe.h"
#include "sandbox.h"
#include "verdict.h"
#include "wait.h"

#include <criterion/criterion.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

/* Deadlines, in seconds before DKCHECK_TIMEOUT_MUL. A passing case waits
 * milliseconds; these only bound a broken subject. */
#define CASE_DEADLINE 10.0
/* Criterion's per-case bound, above every deadline inside, is set for
 * the run by case_bound.c. */

/* Declare a case of a step: Test(step, name) with our set-up and teardown.
 * DK_CASE for a Unix subject, DK_WIN_CASE for a Windows one; the other's
 * cases are n/a. */
#define DK_CASE(step, name)                                                    \
    Test(step, name, .init = case_init, .fini = case_fini)
#define DK_WIN_CASE(step, name)                                                \
    Test(step, name, .init = case_init_windows, .fini = case_fini)
/* One Unix case's code judged in both profiles: as step/name under
 * Daemoniker's and as d7step/d7name under daemon7's (dkcheck --profile),
 * where daemon(7) expects the same. The body follows, as for DK_CASE. */
#define DK_CASE_BOTH(step, name, d7step, d7name)                               \
    static void step##_##name##_body(void);                                    \
    DK_CASE(step, name) { step##_##name##_body(); }                            \
    DK_CASE(d7step, d7name) { step##_##name##_body(); }                        \
    static void step##_##name##_body(void)
/* The same for a DK_ANY_CASE: either OS under Daemoniker's profile, Unix
 * under daemon7's. */
#define DK_ANY_CASE_BOTH(step, name, d7step, d7name)                           \
    static void step##_##name##_body(void);                                    \
    DK_ANY_CASE(step, name) { step##_##name##_body(); }                        \
    DK_CASE(d7step, d7name) { step##_##name##_body(); }                        \
    static void step##_##name##_body(void)
/* A case whose input and checks mean the same on both: run for either. */
#define DK_ANY_CASE(step, name)                                                \
    Test(step, name, .init = case_init_any, .fini = case_fini)

/* What the launcher inherits from the harness (see case_inherit.c for why). */
#define CASE_LAUNCHER_UMASK 0
/* Under the daemon7 profile, whose daemon must set umask 0 itself: a
 * launcher's 0 would let a daemon that never sets it pass. */
#define CASE_LAUNCHER_UMASK_D7 022
#define CASE_INHERITED_LOW_A 3
#define CASE_INHERITED_LOW_B 4
#define CASE_INHERITED_SHIELD 5
#define CASE_INHERITED_HIGH 1000

/* An adapter's own failure (README, "Adapters"): the launcher or --send
 * exits with this status and a one-line reason on stderr, or the daemon,
 * whose launcher is gone, writes the reason to the ready path + ".broken".
 * The case is then BROKEN, never a FAIL of the implementation. */
#define CASE_ADAPTER_BROKEN 125

typedef struct launch_spec {
    const char *pidfile;        /* NULL: SANDBOX/daemon.pid; else as given */
    const char *ready;          /* NULL: SANDBOX/ready[.N]; else as given */
    const char *chdir;          /* --chdir, as given */
    const char *umask;          /* --umask, as given */
    const char *stdin_path;     /* --stdin, as given */
    const char *stdout_path;
    const char *stderr_path;
    int shield[4];              /* --shield */
    size_t n_shield;
    const char *on[3];          /* --on SIG=ACTION */
    size_t n_on;
    bool raise_nofile;          /* H7: raise RLIMIT_NOFILE, inherit a fd near it */
    bool notify_socket;         /* N1: --notify-socket (the case sets
                                 * NOTIFY_SOCKET: notify_case.h) */
    const char *notify_fifo;    /* N2: a FIFO the launcher inherits open for
                                 * writing as CASE_NOTIFY_FD, --notify-fd */
    const char *user;           /* P1: --user, as given */
    const char *group;          /* P1: --group, as given */
    const char *timeout;        /* H3, H8: --timeout, as given */
    unsigned closed_stdio;      /* H11: bit i set: fd i (0, 1, 2) closed in
                                 * the launcher (its output then unread) */
    bool terminal_outlives_launcher; /* U3, D6: the case's worker leads the
                                 * session that owns the terminal and the
                                 * launcher is a member, so the terminal
                                 * stays the session's when the launcher
                                 * exits (see case_launch.c, keep_terminal) */
} launch_spec;

/* The fd number s6 readiness is given on (N2): none of the inherited ones. */
#define CASE_NOTIFY_FD 7

typedef struct launch {
    pid_t launcher;             /* the Linux process (under Wine, `wine ...`) */
    bool exited;                /* the launcher was reaped */
    int status;                 /* its wait status */
    char pidfile[PATH_MAX];
    char pidfile_subject[PATH_MAX]; /* the same, as the subject names it */
    char ready[PATH_MAX];
    char out[PATH_MAX];         /* the launcher's stdout and stderr */
    char err[PATH_MAX];
    pid_t daemon;               /* 0 until case_daemon() found it (a
                                 * Windows subject's: its Windows PID) */
    int high_fd;                /* the inherited fd near the limit (H7) */
    int pty_master;             /* its controlling terminal, ours to close */
} launch;

void case_init(void);
/* dkcheck --profile daemon7: the D cases run, the others SKIP. */
bool case_profile_daemon7(void);
/* The umask the launcher is given (CASE_LAUNCHER_UMASK[_D7]). */
int case_launcher_umask(void);
void case_init_windows(void);
void case_init_any(void);
void case_fini(void);
/* Why a case of this suite with this .init skips before it starts, from
 * the run's settings alone (the profile, the subject's platform, whether
 * Wine can run it), or NULL; the reason may be written into buf. The
 * case_init functions skip for it; the runner asks first and starts no
 * worker for such a case (case_preskip.c). */
const char *case_skip_before_start(const char *suite, void (*init)(void),
                                   char *buf, size_t size);

/* The sandbox (its paths, files, capabilities) is sandbox.h's. */

/* Start the launcher (does not wait). */
launch *case_start(const launch_spec *spec);
/* Wait for the launcher to exit; FAIL if it is still running
 * at the deadline. Returns its exit code, or 128+signal. */
int case_wait_launcher(launch *l);
/* The launcher exited 0 and the daemon wrote its ready file: the daemon's
 * PID, checked alive and ours. Anything else FAILs the case
 * and what was seen. */
pid_t case_daemon(launch *l);
/* After a launcher exited 0: wait (at most CASE_DEADLINE) until its daemon
 * is ready or nothing of ours lives, judging nothing. What a subject does
 * to its PID file after its launcher exits (a daemon that writes it) is
 * then done before a case looks. */
void case_settle(launch *l);
/* case_start + case_daemon. */
pid_t case_run(const launch_spec *spec, launch **out);

/* Begin every FAIL the helpers above make with prefix (what the case was
 * doing, what it saw so far), until case_context("") sets it back. */
void case_context(const char *prefix);
/* The same, the prefix made by prefix(arg) when a FAIL is written (what
 * was seen by then). */
void case_context_by(const char *(*prefix)(void *arg), void *arg);

/* The first line the launcher wrote on stderr, quoted for a message
 * (escaped, 200 bytes at most; "" if none). The launcher's stdout and
 * stderr (l->out, l->err) and --send's (SANDBOX/send.out, send.err) are
 * bounded logs (sandbox_capture). */
const char *case_launcher_error(launch *l);

/* What the sandbox holds, recursively: one "TYPE relative/path" per line,
 * sorted, TYPE being f, d, l or ? ; the files the harness makes for every
 * launch (launcher-N.out/err, inherited-N, send.err) are left out, so a
 * listing before a launch and one after differ only by what the subject
 * left behind. Valid until fini. */
const char *case_listing(void);


/* Living processes we spawned or adopted, excluding nothing. */
size_t case_living(pid_t *out, size_t max);
/* How many (under Wine, a Windows process is a Linux one too). */
size_t case_count_living(void);
/* Wait until exactly n are left; true if so. */
bool case_wait_living(size_t n, double seconds);
/* Wait until the only living descendants are those in keep and their
 * ancestors (a supervisor their own launch left as their parent, as jsvc's
 * controller: part of that daemon, not another; U3 judges that it stays);
 * true if so. */
bool case_wait_only(const pid_t *keep, size_t n_keep, double seconds);
/* case_living, less the ancestors of the processes in keep. */
size_t case_living_beside(const pid_t *keep, size_t n_keep, pid_t *out,
                          size_t max);
/* Describe living descendants, "4242 4243", for messages. */
const char *case_describe_living(void);
/* After daemon's end: wait until l's PID file is gone or nothing of the
 * subject is left to remove it (a supervisor may, once it has reaped the
 * daemon, as jsvc's controller does). True if it is gone; false if it
 * stays with nobody left; inconclusive (BROKEN) if processes of the
 * subject still live at the deadline. context starts its messages. */
bool case_pidfile_removed_after(const launch *l, pid_t daemon,
                                const char *context);

/* A PID that was ours a moment ago and is dead now (for stale PID files);
 * for a Windows subject, a Windows PID no process holds. */
pid_t case_dead_pid(void);
/* A live process that is nobody's daemon (a child of ours that waits; for
 * a Windows subject, the idle probe), ended by the teardown. */
pid_t case_stranger(void);
/* pid (a Windows PID for a Windows subject) is alive. */
bool case_alive(pid_t pid);

/* Send signum to pid from outside (kill(2)). */
void case_signal(pid_t pid, int signum);

/* Start k launchers with the same spec, released at the same instant (each
 * blocks on a pipe between fork and exec until all are forked). */
void case_start_all(const launch_spec *spec, size_t k, launch **out);

/* The same, each launcher (and all it starts) under the tracer of a
 * session opened with trace_begin() (trace.h) for k launchers, their
 * ready files those of launches the_case has not made yet: see
 * case_next_ready(). */
struct trace_session;
void case_start_all_traced(const launch_spec *spec, size_t k, launch **out,
                           struct trace_session *trace);
/* The same, each launcher under hold_unseen.h's session (unseen_begin()
 * for k launchers first): no tracer, its calls held by seccomp user
 * notification. */
void case_start_all_unseen(const launch_spec *spec, size_t k, launch **out);
/* The ready file the i-th launch from now will be given. */
const char *case_next_ready(size_t i);

/* Run SUBJECT --send SIG --pidfile PIDFILE; its exit code (128+N if killed),
 * FAIL if it does not exit within the deadline. */
int case_send(const char *sig, const char *pidfile);

/* The PID in the PID file at path ("PID\n" and nothing else), or 0. */
pid_t case_pidfile_pid(const char *path);

/* fd of pid is open on the file at path (same device and inode). seen gets
 * what is open there, if anything. */
bool case_fd_is(pid_t pid, int fd, const char *path, obs_fd *seen);

/* Preconditions, for cases whose check would hold for a subject that does
 * nothing (a refusal, a file left untouched): the subject must first show
 * it daemonizes with good input (SANDBOX/control.pid, a PID file created),
 * or the case FAILs saying it cannot judge. The control daemon is killed
 * before the case goes on (its PID file stays, in every listing alike). */
pid_t case_precondition_daemon(void);
/* The same, then --send TERM to it must exit 0 and end it (the daemon
 * and its PID file are gone afterwards). */
void case_precondition_send(void);

/* The pid's state from the observer, or FAIL. */
obs_stat case_stat(pid_t pid);
obs_status case_status(pid_t pid);

/* Wait until the PID file at path holds a PID (digits and a newline);
 * that PID, or 0 at the deadline. */
long case_wait_pidfile_pid(const char *path, double seconds);

/* Wait for pid (our child or adopted) to end; false at the deadline. */
bool case_wait_gone(pid_t pid, double seconds);

/* ---- Windows processes (a Windows subject's), seen through the
 * observer's Windows backend (observe.h, observe_win_wine.c); each FAILs
 * BROKEN if the observer cannot answer. In case_wine.c. */

/* pid's state; var, if not NULL, an environment variable to look up. */
win_info case_win_info(pid_t pid, const char *var);
/* The variables of pid's environment, with a value, that its launcher was
 * not given: absent from, or holding another value in, what Wine makes of
 * the environment a launch gets (names compared ignoring case, as Windows
 * does). "NAME=VALUE" strings, NULL-terminated, n set to their count;
 * valid until fini. In case_wine_env.c. */
const char *const *case_win_env_added(pid_t pid, size_t *n);
/* Those entries as "A=1, B=2" ("none"), for a message. */
const char *case_win_env_list(const char *const *entries);
/* Every Windows process; n set to the count. */
const win_proc *case_win_snapshot(size_t *n);
/* End pid with code; the PID the launch's PID file names next (0: none
 * within the deadline). */
pid_t case_win_signal(pid_t pid, unsigned code, const launch *l);
/* TerminateProcess(pid, code). */
void case_win_terminate(pid_t pid, unsigned code);
/* A live Windows process that is nobody's daemon (the probe, idle), ended
 * by the teardown; its PID. */
pid_t case_win_stranger(void);
/* A Windows PID no process holds now. */
pid_t case_win_dead_pid(void);
/* path (a Linux path) as a Windows program names it, valid until fini. */
const char *case_win_path(const char *path);
/* The state files (W4) in Windows' temporary directory: "NAME NAME ". */
const char *case_win_temp_states(void);
/* NULL once no state file absent from before is left (within the
 * deadline); else the listing, which holds one left behind. */
const char *case_win_new_temp_states(const char *before);

#endif
