/* host_windows.c: host_ops.h's operations for a Windows subject, the same
 * whether it runs through Wine (host_wine.c) or natively (host_win32.c):
 * its processes are Windows ones, reached through case.h's case_win_*
 * calls; what ends is counted, not reaped. */
#include "host_ops.h"

#include "case.h"
#include "observe.h"
#include "verdict.h"
#include "wait.h"

bool host_win_alive(pid_t pid)
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
void host_win_terminate(pid_t pid)
{
    end_descendants(pid);
    case_win_terminate(pid, 9);
    end_descendants(pid);
}

bool host_win_ends(pid_t pid, int sig, size_t n_before, double seconds,
                   const char *what, const char **evidence)
{
    (void)pid;
    (void)sig;
    return case_count_left(n_before, seconds, what, evidence);
}

bool host_win_only_left(const pid_t *keep, size_t n_keep, size_t n_before,
                        double seconds, const char *what,
                        const char **evidence)
{
    (void)keep;
    (void)n_keep;
    return case_count_left(n_before, seconds, what, evidence);
}

void host_win_end_rest(const pid_t *before, size_t n_before)
{
    (void)before;
    (void)n_before;
}

const char *host_win_outlived(pid_t pid, int sig)
{
    (void)pid;
    (void)sig;
    return case_idle();
}

double host_win_quiet_window(void)
{
    double window = dk_deadline_seconds(1.0);
    return window > 4.0 ? 4.0 : window;
}
