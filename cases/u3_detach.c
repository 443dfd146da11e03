/* U3: Double-fork: leave the original process group and any controlling
 * terminal. The launcher is a session leader with a pseudo-terminal as its
 * controlling terminal, so each of these has something to leave. */
#include "../harness/case.h"
#include "../harness/trace_case.h"

#include <unistd.h>

DK_CASE(U3, U3_launcher_exits_daemon_lives)
{
    launch *l;
    pid_t daemon = case_run(NULL, &l);
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

DK_CASE(U3, U3_intermediate_child_exits)
{
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    obs_stat st = case_stat(daemon);
    cr_assert(st.sid != daemon && st.sid != l->launcher,
              "expected the daemon's session to be led by an intermediate "
              "child that exited; session %d (daemon %d, launcher %d)",
              (int)st.sid, (int)daemon, (int)l->launcher);
    cr_expect(case_wait_gone(st.sid, CASE_DEADLINE),
              "intermediate child %d (the daemon's session leader) still "
              "alive %gs after the launcher exited",
              (int)st.sid, CASE_DEADLINE);
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

DK_CASE(U3, U3_new_session)
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

DK_CASE(U3, U3_no_controlling_terminal)
{
    pid_t daemon = case_run(NULL, NULL);
    obs_stat st = case_stat(daemon);
    cr_expect(st.tty_nr == 0,
              "expected daemon %d to have no controlling terminal (the "
              "launcher had one); tty_nr is %#x",
              (int)daemon, (unsigned)st.tty_nr);
}
