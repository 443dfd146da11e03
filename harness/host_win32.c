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
#include "host_ops.h"

#include "case.h"
#include "native_win.h"
#include "verdict.h"

static bool is_ours(pid_t pid)
{
    pid_t living[1024];
    size_t n = dk_case_job_pids(living, 1024);
    for (size_t i = 0; i < n; i++)
        if (living[i] == pid)
            return host_win_alive(pid);
    return false;
}

/* No thread states are read here (observe_win32.c): one look cannot
 * tell a case that waits for nothing from one that waits for the
 * processor, so nothing is settled, and an idle-based verdict is
 * inconclusive (BROKEN), never a FAIL without evidence. */
static const char *settled(const pid_t *living, size_t n)
{
    (void)living;
    (void)n;
    return NULL;
}

const dk_host dk_host_win32 = {
    HOST_WINDOWS_SUBJECT,
    .name = "win32",
    .unavailable = host_always_available,
    .command = host_no_command,
    .wordless_failure_is_inconclusive = false,
    .is_ours = is_ours, /* in the case's job, not merely alive */
    .settled = settled,
    .own_failure = host_subject_answers,
};
