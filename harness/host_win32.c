/* host_win32.c: host.h for the native dkcheck.exe: a Windows subject run
 * by CreateProcessW from a Windows dkcheck (case_launch_win.c), its
 * processes those of the case's Job object (job_win.c), seen through
 * probe.c's calls in our own process (observe_win32.c).
 *
 * Weaker than host_wine.c, and why: a case is found idle by its threads'
 * processor time alone (quiet_win32.c), which counts in clock ticks where
 * Wine's /proc counts nanoseconds and shows each thread's state; and there
 * is no stranger process yet (case_win32.c). It is
 * stronger in one way: a PID in a ready file is ours only if it is in
 * the case's job, not merely alive. */
#include "host_ops.h"

#include "case.h"
#include "native_win.h"
#include "sandbox.h"
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
 * processor. So the window is all the evidence: none of the case's
 * threads charged any processor time for as long as a starved one would
 * wait for a processor (1 s on an idle machine, up to 4 s), as for Wine. */
static const char *settled(const pid_t *living, size_t n)
{
    double window = host_win_quiet_window();
    if (!dk_win_quiet(living, n, window))
        return NULL;
    return sandbox_printf("none was charged processor time for %.1fs "
                          "(GetThreadTimes)", window);
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
