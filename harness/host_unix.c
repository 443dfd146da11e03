/* host_unix.c: host.h for a Unix subject, run as our child. Every process
 * of it is ours (the worker is the subreaper its daemon is orphaned to),
 * so a PID is a Linux one, signals are kill(2), and what a process that
 * outlived a deadline does with its signals is readable (verdict.h). */
#include "host_ops.h"

#include "case.h"
#include "observe.h"
#include "sandbox.h"
#include "verdict.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *path(const char *p)
{
    return p;
}

static bool alive(pid_t pid)
{
    return obs_alive(pid);
}

static bool is_descendant(pid_t pid)
{
    pid_t living[4096];
    size_t n = obs_descendants(getpid(), living, 4096);
    for (size_t i = 0; i < n; i++)
        if (living[i] == pid)
            return true;
    return false;
}

static bool is_ours(pid_t pid)
{
    return obs_alive(pid) && is_descendant(pid);
}

static pid_t dead_pid(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    if (pid < 0 || waitpid(pid, NULL, 0) != pid)
        case_broken("cannot make a dead PID");
    return pid;
}

static pid_t stranger(void)
{
    pid_t p = fork();
    if (p < 0)
        case_broken("fork: %s", strerror(errno));
    if (p == 0) {
        for (;;)
            pause();
    }
    return p;
}

static void kill_now(pid_t pid)
{
    case_signal(pid, SIGKILL);
}

/* Our child: reaped when it ends. */
static bool ends(pid_t pid, int sig, size_t n_before, double seconds,
                 const char *what, const char **evidence)
{
    (void)n_before;
    return case_ends(pid, sig, seconds, what, evidence);
}

static bool only_left(const pid_t *keep, size_t n_keep, size_t n_before,
                      double seconds, const char *what, const char **evidence)
{
    (void)n_before;
    return case_only_left(keep, n_keep, seconds, what, evidence);
}

static bool lived_before(pid_t pid, const pid_t *before, size_t n_before)
{
    for (size_t i = 0; i < n_before; i++)
        if (before[i] == pid)
            return true;
    return false;
}

static void end_rest(const pid_t *before, size_t n_before)
{
    pid_t living[64];
    size_t n = case_living(living, 64);
    for (size_t i = 0; i < n; i++)
        if (!lived_before(living[i], before, n_before))
            kill(living[i], SIGKILL);
    if (!case_wait_living(n_before, CASE_DEADLINE))
        case_broken("what the precondition's launch left outlived SIGKILL");
}

static const char *outlived(pid_t pid, int sig)
{
    obs_status st;
    if (obs_read_status(pid, &st) < 0)
        return NULL;
    uint64_t bit = sig > 0 ? OBS_SIGBIT(sig) : 0;
    if (st.sig_ignored & bit)
        return sandbox_printf("it ignores signal %d (SigIgn)", sig);
    bool pending = (st.sig_pending_thread | st.sig_pending_process) & bit;
    if (pending && (st.sig_blocked & bit))
        return sandbox_printf("it blocks signal %d, which waits pending "
                              "(SigBlk, SigPnd)", sig);
    const char *idle = pending ? NULL : case_idle();
    if (idle == NULL)
        return NULL; /* not yet run, or still working: slow, maybe */
    if (sig > 0)
        return sandbox_printf("signal %d was delivered and it sleeps (%s)",
                              sig, idle);
    return sandbox_printf("it sleeps (%s)", idle);
}

/* A native process asleep waits for an event, and every process that
 * could bring one about is the case's, asleep too: one look is enough. */
static const char *settled(const pid_t *living, size_t n)
{
    (void)living;
    (void)n;
    return "";
}

static const char *leftover_states(void)
{
    return NULL;
}

const dk_host dk_host_unix = {
    .name = "unix",
    .kind = DK_SUBJECT_UNIX,
    .unavailable = host_always_available,
    .command = host_no_command,
    .path = path,
    .careless_parent = true,
    .traceable = true,
    .crlf_lines = false,
    .wordless_failure_is_inconclusive = false,
    .alive = alive,
    .is_ours = is_ours,
    .dead_pid = dead_pid,
    .stranger = stranger,
    .kill = kill_now,
    .kill_name = "SIGKILL",
    .ends = ends,
    .only_left = only_left,
    .end_rest = end_rest,
    .outlived = outlived,
    .settled = settled,
    .own_failure = host_subject_answers,
    .leftover_states = leftover_states,
};
