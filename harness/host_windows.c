/* host_windows.c: host_ops.h's operations for a Windows subject, the same
 * whether it runs through Wine (host_wine.c) or natively (host_win32.c):
 * its processes are Windows ones, reached through case.h's case_win_*
 * calls; what ends is counted, not reaped. */
#include "host_ops.h"

#include "case.h"
#include "verdict.h"

bool host_win_alive(pid_t pid)
{
    return case_win_info(pid, NULL).alive;
}

void host_win_terminate(pid_t pid)
{
    case_win_terminate(pid, 9);
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
