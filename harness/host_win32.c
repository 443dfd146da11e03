/* host_win32.c: host.h for the native dkcheck.exe: a Windows subject run
 * by CreateProcessW from a Windows dkcheck (case_launch_win.c), its
 * processes those of the case's Job object (job_win.c), seen through
 * probe.c's calls in our own process (observe_win32.c).
 *
 * Weaker than host_wine.c, and why: no case is ever found idle
 * (observe_win32.c reads no thread states yet), so a deadline that
 * passes is always inconclusive (BROKEN), never the evidence an idle case
 * would give; and there is no stranger process yet (case_win32.c). It is
 * stronger in one way: a PID in a ready file is ours only if it is in
 * the case's job, not merely alive. */
#include "host.h"

#include "case.h"
#include "native_win.h"
#include "verdict.h"

static const char *unavailable(char *buf, size_t size)
{
    (void)buf;
    (void)size;
    return NULL;
}

/* The subject's own words run it: no wine in front. */
static size_t command(char **argv, size_t max)
{
    (void)argv;
    (void)max;
    return 0;
}

static bool alive(pid_t pid)
{
    return case_win_info(pid, NULL).alive;
}

static bool is_ours(pid_t pid)
{
    pid_t living[1024];
    size_t n = dk_case_job_pids(living, 1024);
    for (size_t i = 0; i < n; i++)
        if (living[i] == pid)
            return alive(pid);
    return false;
}

static void terminate(pid_t pid)
{
    case_win_terminate(pid, 9);
}

/* As host_wine.c: a Windows daemon is nobody's child; gone when no
 * process of the case is left but those before its launch. */
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
    (void)n_before;
}

static const char *outlived(pid_t pid, int sig)
{
    (void)pid;
    (void)sig;
    return case_idle();
}

static bool busy(void)
{
    return false;
}

static void own_failure(const char *said)
{
    (void)said;
}

const dk_host dk_host_win32 = {
    .name = "win32",
    .kind = DK_SUBJECT_WINDOWS,
    .unavailable = unavailable,
    .command = command,
    .path = case_win_path,
    .careless_parent = false,
    .traceable = false,
    .crlf_lines = true,
    .wordless_failure_is_inconclusive = false,
    .alive = alive,
    .is_ours = is_ours,
    .dead_pid = case_win_dead_pid,
    .stranger = case_win_stranger,
    .kill = terminate,
    .kill_name = "TerminateProcess",
    .ends = ends,
    .only_left = only_left,
    .end_rest = end_rest,
    .outlived = outlived,
    .busy = busy,
    .own_failure = own_failure,
    .leftover_states = case_win_temp_states,
};
