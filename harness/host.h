/* host.h: a way of running subjects, as the cases need it.
 *
 * A case starts launchers, finds the daemon they left, signals and ends
 * it, waits for what should end, and lists what lives; how each is done
 * depends on how the subject runs, not on the case. One implementation
 * per way, in a file named for it (libuv's way: one header, per-OS
 * files), picked once from the run's configuration (run_config.h):
 *   host_unix.c   the subject is a Unix program, run as our child; its
 *                 processes are ours (the worker is their subreaper)
 *   host_wine.c   the subject is a Windows program, run from Linux
 *                 through Wine; its processes have Windows PIDs, seen
 *                 through the Windows observer (observe_win_wine.c)
 *   host_win32.c  the subject is a Windows program, run by the native
 *                 dkcheck.exe (mk/windows_dkcheck.mk; host_pick_win.c)
 * A PID below is one of the subject's kind: a Windows PID under Wine.
 * Each operation ends the case BROKEN when it cannot do what it says. */
#ifndef DKCHECK_HOST_H
#define DKCHECK_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Which cases a way of running subjects can judge (their .init, case.h). */
typedef enum dk_subject_kind { DK_SUBJECT_UNIX, DK_SUBJECT_WINDOWS } dk_subject_kind;

typedef struct dk_host {
    const char *name;           /* "unix", "wine": for messages */
    dk_subject_kind kind;
    /* Why it cannot run this run's cases here (Wine missing), in buf, or
     * NULL. */
    const char *(*unavailable)(char *buf, size_t size);

    /* ---- starting a launcher */
    /* The words that run the subject's command (argv), before its own;
     * how many (at most max). */
    size_t (*command)(char **argv, size_t max);
    /* path (a Linux path) as the subject names it; NULL stays NULL. */
    const char *(*path)(const char *path);
    /* The launcher inherits what a careless parent gives (a controlling
     * terminal, fds low and high, signals, umask: case_inherit.c), not
     * only its standard streams and cwd. */
    bool careless_parent;
    /* Its system calls can be traced (trace.h) as evidence. */
    bool traceable;
    /* A PID's line in its files may end as a Windows text file's does,
     * "\r\n" (Python's text mode writes it: Daemoniker's PID file). */
    bool crlf_lines;
    /* A command of the subject that should have worked but exited non-zero
     * without a word may be the host's failure, not the subject's: a
     * precondition that needed it is then inconclusive. (Seen under Wine
     * at load 14-20: one --send of ten to the reference's running daemon
     * exited 1 with nothing on stderr; the reference says why on every
     * failure of its own.) */
    bool wordless_failure_is_inconclusive;

    /* ---- the subject's processes */
    /* pid is alive. */
    bool (*alive)(pid_t pid);
    /* pid, named in a ready file, is alive and a process the case made. */
    bool (*is_ours)(pid_t pid);
    /* A PID no process holds now (for stale PID files). */
    pid_t (*dead_pid)(void);
    /* A live process that is nobody's daemon, ended by the teardown. */
    pid_t (*stranger)(void);
    /* End pid at once (SIGKILL, TerminateProcess: with what it started,
     * which Windows leaves running); kill_name says how. */
    void (*kill)(pid_t pid);
    const char *kill_name;

    /* ---- waiting, with verdict.h's rules (evidence or inconclusive) */
    /* pid, sent sig (or 0), ends within seconds; n_before processes of
     * the case lived before its launch. */
    bool (*ends)(pid_t pid, int sig, size_t n_before, double seconds,
                 const char *what, const char **evidence);
    /* Only keep (PIDs of ours) live on, or n_before processes for a host
     * whose PIDs the case's own are not. */
    bool (*only_left)(const pid_t *keep, size_t n_keep, size_t n_before,
                      double seconds, const char *what,
                      const char **evidence);
    /* After a launch's daemon ended: end what else of it lives (all but
     * before), for nothing of it to change the sandbox afterwards. */
    void (*end_rest)(const pid_t *before, size_t n_before);
    /* pid outlived a deadline: the evidence it will not end, or NULL. */
    const char *(*outlived)(pid_t pid, int sig);
    /* The case's processes (n Linux PIDs, living, each asleep when
     * looked at once) stay asleep, and nothing of the host's own (a Wine
     * server) works for them: what else was seen, in words to follow the
     * one look's ("" when that look is all), or NULL if anything worked. */
    const char *(*settled)(const pid_t *living, size_t n);
    /* said, a launcher's or --send's one-line reason, is the host's own
     * failure, not the subject's answer: the case ends BROKEN. */
    void (*own_failure)(const char *said);
    /* The state files a launch may leave outside the sandbox ("NAME NAME
     * "), or NULL where there are none to look for. */
    const char *(*leftover_states)(void);
} dk_host;

/* The run's way, picked from run_config() on first use. */
const dk_host *host(void);

extern const dk_host dk_host_unix;
extern const dk_host dk_host_wine;
extern const dk_host dk_host_win32;

#endif
