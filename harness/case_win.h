/* case_win.h: what a Windows conformance case (W1..W10, SW1..SW6) uses:
 * its sandbox, launching the subject under Wine as CONTRACT.md §2 says
 * (Windows paths), and finding the daemon it left; observation through
 * observe_win.h.
 *
 * The Criterion worker of each case is the child subreaper, as for the
 * Unix cases: under Wine every Windows process is a Linux process too, so
 * the teardown ends every process the case started, whatever the verdict. */
#ifndef DKCHECK_CASE_WIN_H
#define DKCHECK_CASE_WIN_H

#include "observe_win.h"
#include "sandbox.h"

#include <criterion/criterion.h>
#include <limits.h>
#include <stdbool.h>
#include <sys/types.h>

/* Seconds before DKCHECK_TIMEOUT_MUL; Wine starts a process in tens of
 * milliseconds, these bound a broken subject only. */
#define WIN_DEADLINE 10.0
#define WIN_CASE_TIMEOUT 120.0

/* A case of a Windows step: skipped, saying why, unless the subject is a
 * Windows program and Wine can run it. */
#define DK_WIN_CASE(step, name)                                                \
    Test(step, name, .init = win_case_init, .fini = win_case_fini,            \
         .timeout = WIN_CASE_TIMEOUT)

typedef struct win_spec {
    const char *pidfile;        /* NULL: SANDBOX/daemon.pid; else a sandbox name */
    const char *ready;          /* NULL: SANDBOX/ready[.N]; else a sandbox name */
    const char *chdir;          /* sandbox names (made Windows paths), */
    const char *stdin_path;     /* or NULL */
    const char *stdout_path;
    const char *stderr_path;
    const char *on[3];          /* --on SIG=ACTION */
    size_t n_on;
} win_spec;

typedef struct win_launch {
    pid_t launcher;             /* the Linux process running `wine SUBJECT` */
    bool exited;
    int status;
    char pidfile[PATH_MAX];     /* Linux path */
    char pidfile_win[PATH_MAX]; /* the same, as the subject sees it */
    char ready[PATH_MAX];
    char out[PATH_MAX];         /* the launcher's stdout and stderr */
    char err[PATH_MAX];
    win_pid daemon;             /* 0 until win_case_daemon() found it */
} win_launch;

void win_case_init(void);
void win_case_fini(void);

/* SANDBOX/name as a Windows path, valid until fini; the rest of the
 * sandbox (Linux paths, files, capabilities) is sandbox.h's. */
const char *win_case_winpath(const char *name);

/* Start the launcher (does not wait). */
win_launch *win_case_start(const win_spec *spec);
/* Start k launchers released at the same instant (each waits on a pipe
 * between fork and exec until all are forked). */
void win_case_start_all(const win_spec *spec, size_t k, win_launch **out);
/* Its exit code (128+N if killed); FAIL past the deadline. */
int win_case_wait_launcher(win_launch *l);
/* The launcher exited 0 and the daemon wrote its ready file: the daemon's
 * Windows PID, checked alive. Anything else FAILs. */
win_pid win_case_daemon(win_launch *l);
win_pid win_case_run(const win_spec *spec, win_launch **out);

/* The first line of the launcher's stderr ("" if none). */
const char *win_case_launcher_error(win_launch *l);

/* The PID in the PID file at the Linux path, or 0 (missing, garbage). */
win_pid win_case_pidfile_pid(const char *path);
/* pid's state, or BROKEN. */
win_info win_case_info(win_pid pid, const char *var);
/* Every process, or BROKEN; n set to the count. */
const win_proc *win_case_snapshot(size_t *n);
/* End pid with code; the PID the PID file names next (0: none in time). */
win_pid win_case_signal(win_pid pid, unsigned code, win_launch *l);
/* Run SUBJECT --send SIG --pidfile (the launch's PID file); its exit code,
 * FAIL past the deadline. */
int win_case_send(const char *sig, win_launch *l);
/* The same with any PID file (a Windows path). */
int win_case_send_to(const char *sig, const char *pidfile_win);
/* TerminateProcess(pid, code), or BROKEN. */
void win_case_terminate(win_pid pid, unsigned code);

/* Linux processes this case started that are still alive (under Wine, the
 * subject's Windows processes among them). */
size_t win_case_living(void);
/* Wait until none is left; true if so. */
bool win_case_wait_none_living(double seconds);

/* Wait until exactly n are left; true if so. */
bool win_case_wait_living(size_t n, double seconds);

/* Preconditions, as case.h's: the subject first shows it daemonizes with
 * good input (SANDBOX/control.pid); that daemon is then ended (its PID
 * file stays). The second also ends it with --send TERM, which must work. */
win_pid win_case_precondition_daemon(void);
void win_case_precondition_send(void);

/* A live Windows process that is nobody's daemon (the probe, idle), ended
 * by the teardown; its Windows PID. */
win_pid win_case_stranger(void);
/* A Windows PID no process holds now. */
win_pid win_case_dead_pid(void);

/* The state files (W4) in Windows' temporary directory: "NAME NAME ". */
const char *win_case_temp_states(void);
/* NULL once no state file absent from before is left (within the
 * deadline); else the listing, which holds one left behind. */
const char *win_case_new_temp_states(const char *before);

#endif
