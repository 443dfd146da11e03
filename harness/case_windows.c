/* case_windows.c: what a case asks of a Windows subject's processes
 * (case.h), through the observer's Windows backend (observe.h): each
 * answer, or the case BROKEN when the observer cannot give one. The same
 * for both ways of running one: from Linux through Wine (case_wine.c,
 * observe_win_wine.c: dkprobe.exe) and natively (case_win32.c,
 * observe_win32.c: the probe's calls in our own process); only a
 * stranger process and the temporary directory's listing differ. */
#include "case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *case_win_path(const char *path)
{
    char *out = sandbox_alloc(PATH_MAX);
    win_path_of(path, out, PATH_MAX);
    return out;
}

win_info case_win_info(pid_t pid, const char *var)
{
    win_info in;
    char why[512];
    if (win_read((win_pid)pid, var, &in, why, sizeof why) < 0)
        case_broken("%s", why);
    return in;
}

const win_proc *case_win_snapshot(size_t *n)
{
    enum { MAX = 2048 };
    win_proc *procs = sandbox_alloc(sizeof *procs * MAX);
    char why[512];
    long got = win_snapshot(procs, MAX, why, sizeof why);
    if (got < 0)
        case_broken("%s", why);
    *n = (size_t)got < MAX ? (size_t)got : MAX;
    return procs;
}

pid_t case_win_signal(pid_t pid, unsigned code, const launch *l)
{
    pid_t next = (pid_t)win_signal((win_pid)pid, code, l->pidfile_subject,
                                   CASE_DEADLINE, NULL);
    /* No new sentinel is evidence only with the daemon gone or the case
     * asleep (verdict.h). */
    if (next == 0 && l->daemon != 0)
        case_evidence(l->daemon, 0, CASE_DEADLINE, sandbox_printf(
                          "a new sentinel named in the PID file after "
                          "ending %d with %u", (int)pid, code));
    return next;
}

void case_win_terminate(pid_t pid, unsigned code)
{
    char why[512];
    if (win_terminate((win_pid)pid, code, why, sizeof why) < 0)
        case_broken("TerminateProcess(%d, %u): %s", (int)pid, code,
                       why);
}

pid_t case_win_dead_pid(void)
{
    /* Windows (and Wine) number processes by fours, from low; a PID no
     * process holds (the probe says so) is a dead one for the case's few
     * seconds. */
    for (win_pid pid = 0x7ff0; pid < 0x8000; pid += 4)
        if (!case_win_info((pid_t)pid, NULL).found)
            return (pid_t)pid;
    case_broken("no free Windows PID found for a stale PID file");
    return 0;
}

/* Every name of now is in before. */
static bool no_new_state(void *arg)
{
    const char *before = arg;
    char *now = (char *)case_win_temp_states();
    for (char *name = strtok(now, " "); name; name = strtok(NULL, " "))
        if (strstr(before, sandbox_printf("%s ", name)) == NULL)
            return false;
    return true;
}

const char *case_win_new_temp_states(const char *before)
{
    /* Another case's launch may hold a state file for an instant: only
     * one that stays is left behind. */
    if (dk_wait_until(no_new_state, (void *)before, dk_deadline_in(CASE_DEADLINE)))
        return NULL;
    if (case_idle() == NULL)
        case_inconclusive(CASE_DEADLINE, "the state files' removal (%s; "
                          "before: %s; not idle)", case_win_temp_states(),
                          before);
    return case_win_temp_states();
}
