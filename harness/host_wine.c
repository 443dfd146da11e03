/* host_wine.c: host.h for a Windows subject, run from Linux through Wine.
 * Its processes have Windows PIDs, which only the Windows observer
 * (case_wine.c) knows: a launch is `wine SUBJECT ...` with Windows paths;
 * what ends is counted, not reaped (a Windows daemon is no child of
 * ours); and Wine's own servers, working for the case, keep it from being
 * idle. */
#include "host.h"

#include "case.h"
#include "load.h"
#include "observe.h"
#include "run_config.h"
#include "sandbox.h"
#include "verdict.h"
#include "wait.h"
#include "wine_busy.h"

#include <stdio.h>
#include <string.h>

static const char *unavailable(char *buf, size_t size)
{
    const char *missing = run_config()->wine_missing;
    if (missing == NULL)
        return NULL;
    snprintf(buf, size, "a Windows case, and Wine cannot run it here: %s",
             missing);
    return buf;
}

static size_t command(char **argv, size_t max)
{
    if (max == 0)
        return 0;
    argv[0] = "wine";
    return 1;
}

static bool alive(pid_t pid)
{
    return case_win_info(pid, NULL).alive;
}

/* p descends from ancestor, by the parent PIDs of one snapshot. */
static bool descends(const win_proc *p, win_pid ancestor, const win_proc *all,
                     size_t n)
{
    for (int depth = 0; depth < 64 && p != NULL; depth++) {
        if (p->ppid == ancestor)
            return true;
        const win_proc *parent = NULL;
        for (size_t i = 0; i < n && parent == NULL; i++)
            if (all[i].pid == p->ppid && p->ppid != p->pid)
                parent = &all[i];
        p = parent;
    }
    return false;
}

/* End what pid started, by one snapshot's parent PIDs. */
static void end_descendants(pid_t pid)
{
    size_t n;
    const win_proc *all = case_win_snapshot(&n);
    for (size_t i = 0; i < n; i++)
        if (descends(&all[i], (win_pid)pid, all, n) &&
            case_win_info((pid_t)all[i].pid, NULL).alive)
            case_win_terminate((pid_t)all[i].pid, 9);
}

/* A Windows process outlives its parent: what the daemon started stays
 * when the daemon is ended (Daemoniker's sentinel sleeps on for ever),
 * and the precondition wants all of it out of the way. So what pid
 * started goes first, found while pid still lives, then pid; then what
 * it was starting as it ended, which the server knows by then, with
 * pid's PID as its parent's (Daemoniker starts its sentinel from a
 * thread, after the daemon has said it is ready). */
static void terminate(pid_t pid)
{
    end_descendants(pid);
    case_win_terminate(pid, 9);
    end_descendants(pid);
}

/* A Windows daemon is nobody's child here: gone when no process of the
 * case is left but those before its launch. */
static bool ends(pid_t pid, int sig, size_t n_before, double seconds,
                 const char *what, const char **evidence)
{
    (void)pid;
    (void)sig;
    return case_count_left(n_before, seconds, what, evidence);
}

static bool only_left(const pid_t *keep, size_t n_keep, size_t n_before,
                      double seconds, const char *what, const char **evidence)
{
    (void)keep;
    (void)n_keep;
    return case_count_left(n_before, seconds, what, evidence);
}

static void end_rest(const pid_t *before, size_t n_before)
{
    (void)before;
    (void)n_before; /* ends() already waited for all of the launch */
}

/* No signals to read of a Windows PID: only the case's idleness. */
static const char *outlived(pid_t pid, int sig)
{
    (void)pid;
    (void)sig;
    return case_idle();
}

/* Every Wine process waits on its server: a busy one works for the case.
 * And a Windows program that starts slowly sleeps between two calls to
 * its server as often as it runs: one look found all of a launcher's
 * processes asleep at load 20 (a Python launcher, ten seconds into a
 * start that takes two alone). So the case is settled only if none of
 * its threads runs for a while, as long as the load makes a wait for the
 * processor (1 s on an idle machine, up to 4 s). */
static const char *settled(const pid_t *living, size_t n)
{
    double window = dk_deadline_seconds(1.0);
    if (window > 4.0)
        window = 4.0;
    if (!dk_wine_quiet(living, n, window))
        return NULL;
    return sandbox_printf("; none ran for %.1fs, nor any Wine server",
                          window);
}

/* Wine's ERROR_INTERNAL_ERROR (1359), which Wine gives under contention
 * (a wineserver call that failed) and Windows documents as no answer of
 * the program's. */
static void own_failure(const char *said)
{
    char load[64];
    if (strstr(said, "error 1359)") != NULL)
        case_broken("Wine internal error under load (ERROR_INTERNAL_ERROR, "
                    "1359), not the subject's answer: \"%s\", load %s", said,
                    dk_load_text(load, sizeof load));
}

const dk_host dk_host_wine = {
    .name = "wine",
    .kind = DK_SUBJECT_WINDOWS,
    .unavailable = unavailable,
    .command = command,
    .path = case_win_path,
    .careless_parent = false,
    .traceable = false,
    .crlf_lines = true,
    .wordless_failure_is_inconclusive = true,
    .alive = alive,
    .is_ours = alive,
    .dead_pid = case_win_dead_pid,
    .stranger = case_win_stranger,
    .kill = terminate,
    .kill_name = "TerminateProcess",
    .ends = ends,
    .only_left = only_left,
    .end_rest = end_rest,
    .outlived = outlived,
    .settled = settled,
    .own_failure = own_failure,
    .leftover_states = case_win_temp_states,
};
