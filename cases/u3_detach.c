/* U3: Double-fork: leave the original process group and any controlling
 * terminal. The launcher is a session leader with a pseudo-terminal as its
 * controlling terminal, so each of these has something to leave. */
#include "../harness/case.h"
#include "../harness/trace_case.h"

#include <stdlib.h>
#include <unistd.h>

/* The PID a whole line of the ready file names ("PID\n": one that is
 * still being written may be cut short), or 0. */
static long ready_pid(const launch *l)
{
    const char *text = sandbox_read(l->ready, NULL);
    char *end;
    long pid = text != NULL ? strtol(text, &end, 10) : 0;
    return pid > 0 && *end == '\n' ? pid : 0;
}

/* The ready file names a PID, or the launcher has exited (and the ready
 * file may never come: case_daemon says why). */
static bool ready_or_launcher_gone(void *arg)
{
    const launch *l = arg;
    return ready_pid(l) > 0 || !obs_alive(l->launcher);
}

/* daemon(7) item 5, the first fork, "to create a background process": the
 * original process goes back to its caller and the daemon is another one.
 * A daemonizer that never forks is the launcher itself, which never exits;
 * the ready file, which the daemon writes with its own PID, tells so at
 * once instead of leaving it to the launcher's deadline. */
DK_CASE_BOTH(U3, U3_launcher_exits_daemon_lives, D5, D5_daemon_is_forked)
{
    launch *l = case_start(NULL);
    dk_wait_until(ready_or_launcher_gone, l, dk_deadline_in(CASE_DEADLINE));
    cr_assert(ready_pid(l) != (long)l->launcher,
              "expected the daemon to be a process forked off the launcher; "
              "the ready file names the launcher %d itself (no fork: it "
              "stays in the foreground, and never exits)",
              (int)l->launcher);
    pid_t daemon = case_daemon(l);
    cr_expect(daemon != l->launcher,
              "expected the daemon to be a new process; it is the "
              "launcher %d",
              (int)l->launcher);
}

DK_CASE(U3, U3_daemon_not_child_of_launcher)
{
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    obs_stat st = case_stat(daemon);
    cr_expect(st.ppid != l->launcher,
              "expected daemon %d not to be the launcher's child; its "
              "parent is launcher %d",
              (int)daemon, (int)l->launcher);
}

/* The first child exits, so that the daemon is re-parented to init, here
 * to the harness, the subreaper (or to init itself where the OS has no
 * subreaper). The first child is whoever forked the daemon: its parent,
 * while that is not yet the harness. Nothing about the session: a daemon
 * that skipped setsid() (D6) still had its first child exit. */
static void expect_first_child_gone(pid_t daemon)
{
    obs_stat st = case_stat(daemon);
    pid_t first_child = st.ppid;
    if (first_child != getpid() && first_child != 1) {
        const char *why = NULL;
        cr_expect(case_ends(first_child, 0, CASE_DEADLINE, "the first "
                            "child's exit", &why),
                  "expected the daemon's parent %d (the first child, which "
                  "forked it) to exit; still alive %gs after the launcher "
                  "exited: %s",
                  (int)first_child, CASE_DEADLINE, why);
        st = case_stat(daemon);
    }
    cr_expect(st.ppid == getpid() || st.ppid == 1,
              "expected daemon %d re-parented to the harness %d (the "
              "subreaper, in init's place) once the first child exited; "
              "its parent is %d",
              (int)daemon, (int)getpid(), (int)st.ppid);
}

/* Daemoniker's double fork: the daemon's session is led by the
 * intermediate child (it called setsid), which exits, leaving the daemon
 * to the subreaper. */
DK_CASE(U3, U3_intermediate_child_exits)
{
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    obs_stat st = case_stat(daemon);
    cr_assert(st.sid != daemon && st.sid != l->launcher,
              "expected the daemon's session to be led by an intermediate "
              "child that exited; session %d (daemon %d, launcher %d)",
              (int)st.sid, (int)daemon, (int)l->launcher);
    const char *why = NULL;
    cr_expect(case_ends(st.sid, 0, CASE_DEADLINE, "the intermediate "
                        "child's exit", &why),
              "intermediate child %d (the daemon's session leader) still "
              "alive %gs after the launcher exited: %s",
              (int)st.sid, CASE_DEADLINE, why);
    expect_first_child_gone(daemon);
}

/* daemon(7) item 8: "call exit() in the first child, so that only the
 * second child (the actual daemon) stays around", re-parented to init:
 * U3's check of the daemon's parent, without its session (D6's). */
DK_CASE(D8, D8_first_child_exits)
{
    expect_first_child_gone(case_run(NULL, NULL));
}

DK_CASE_BOTH(U3, U3_daemon_not_session_leader, D7, D7_not_session_leader)
{
    case_observe_calls();
    pid_t daemon = case_run(NULL, NULL);
    obs_stat st = case_stat(daemon);
    cr_expect(st.sid != daemon,
              "expected daemon %d not to lead its session (it could "
              "acquire a terminal); it leads session %d%s",
              (int)daemon, (int)st.sid, case_call_order());
}

/* daemon(7) item 6: setsid() in the child, a session of its own. */
DK_CASE_BOTH(U3, U3_new_session, D6, D6_new_session)
{
    case_observe_calls();
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    obs_stat st = case_stat(daemon);
    cr_expect(st.sid != l->launcher,
              "expected daemon %d in a new session; it is still in the "
              "launcher's session %d%s",
              (int)daemon, (int)l->launcher, case_call_order());
}

DK_CASE(U3, U3_new_process_group)
{
    case_observe_calls();
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    obs_stat st = case_stat(daemon);
    cr_expect(st.pgrp != l->launcher && st.pgrp != getpgrp(),
              "expected daemon %d in a new process group; it is in group "
              "%d (launcher %d)%s",
              (int)daemon, (int)st.pgrp, (int)l->launcher, case_call_order());
}

/* daemon(7) item 6: "to detach from any terminal". */
DK_CASE_BOTH(U3, U3_no_controlling_terminal, D6, D6_no_controlling_terminal)
{
    /* The terminal must outlive the launcher, or its exit alone would take
     * it from a daemon that never left the session. */
    launch_spec spec = {.terminal_outlives_launcher = true};
    pid_t daemon = case_run(&spec, NULL);
    obs_stat st = case_stat(daemon);
    cr_expect(st.tty_nr == 0,
              "expected daemon %d to have no controlling terminal (the "
              "launcher had one); tty_nr is %#x",
              (int)daemon, (unsigned)st.tty_nr);
}
