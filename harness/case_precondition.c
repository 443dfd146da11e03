/* case_precondition.c: the preconditions of cases whose check would hold
 * for a subject that does nothing (case.h): a control daemon first, made
 * and ended through the run's host.h. */
#include "case_private.h"

#include "host.h"
#include "load.h"
#include "sandbox.h"
#include "verdict.h"

#include <signal.h>
#include <unistd.h>

/* The processes of ours that lived before the precondition's launch. */
static pid_t before_control[64];
static size_t n_before_control;

/* pid, a daemon sent sig, is gone (host.h's ends: reaped, or no process
 * of ours left but those before it); false with *evidence if it stays
 * for a reason verdict.h accepts, and the case inconclusive if only the
 * deadline says so. */
static bool daemon_gone(pid_t pid, int sig, const char **evidence)
{
    return host()->ends(pid, sig, n_before_control, CASE_DEADLINE,
                        "the precondition's daemon to end", evidence);
}

/* Once the precondition's daemon is gone, what else its launch left (a
 * supervisor still tidying up, as libslack's daemon(1) removes its client
 * PID file a moment after its client died) is ended too, so that nothing
 * of it changes the sandbox while the case compares listings. */
static void end_control_launch(void)
{
    host()->end_rest(before_control, n_before_control);
}

/* The precondition's daemon, with SANDBOX/control.pid; what lived before it
 * is kept in before_control. */
static launch *control_daemon(const char *why)
{
    static const launch_spec control = {.pidfile = "control.pid"};
    n_before_control = case_living(before_control, 64);
    launch *l = case_start(&control);
    case_context(why);
    case_daemon(l);
    case_context("");
    return l;
}

pid_t case_precondition_daemon(void)
{
    launch *l = control_daemon("cannot judge (precondition: a daemon started "
                               "with a plain PID file): ");
    pid_t pid = l->daemon;
    if (access(l->pidfile, F_OK) != 0)
        cr_assert_fail("cannot judge (precondition): the subject's daemon "
                       "%d created no PID file %s", (int)pid, l->pidfile);
    /* Out of the way of what the case counts: gone (a Windows daemon's
     * sentinel ends with it), its file left as is. */
    host()->kill(pid);
    const char *why = NULL;
    if (!daemon_gone(pid, SIGKILL, &why))
        case_broken("the precondition's daemon %d outlived %s: %s", (int)pid,
                    host()->kill_name, why);
    end_control_launch();
    return pid;
}

void case_precondition_send(void)
{
    launch *l = control_daemon("cannot judge (precondition: a daemon started "
                               "with a plain PID file, for --send): ");
    pid_t pid = l->daemon;
    int code = case_send("TERM", l->pidfile);
    const char *said = sandbox_quote_first_line(sandbox_path("send.err"));
    if (code != 0 && said[0] == '\0' && host()->wordless_failure_is_inconclusive) {
        char load[64];
        case_broken("cannot judge (precondition): '--send TERM' to the running "
                    "daemon %d exited %d without a word, which may be %s's "
                    "failure, not the subject's, at load %s", (int)pid, code,
                    host()->name, dk_load_text(load, sizeof load));
    }
    if (code != 0)
        cr_assert_fail("cannot judge (precondition): '--send TERM' to the "
                       "running daemon %d exited %d: \"%s\"", (int)pid,
                       code, said);
    const char *why = NULL;
    if (!daemon_gone(pid, SIGTERM, &why))
        cr_assert_fail("cannot judge (precondition): '--send TERM' exited 0 "
                       "but daemon %d is still alive %gs later: %s", (int)pid,
                       CASE_DEADLINE, why);
    end_control_launch();
    unlink(l->pidfile); /* a PID file the cleanup missed is not this case's */
}
