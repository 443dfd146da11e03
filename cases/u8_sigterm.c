/* U8: A well-behaved daemon handles SIGTERM: it cleans up and exits. */
#include "../harness/case.h"

#include <signal.h>
#include <unistd.h>

DK_CASE(U8, U8_sigterm_ends_daemon)
{
    pid_t daemon = case_run(NULL, NULL);
    case_signal(daemon, SIGTERM);
    cr_expect(case_wait_gone(daemon, CASE_DEADLINE),
              "daemon %d still alive %gs after SIGTERM", (int)daemon,
              CASE_DEADLINE);
}

DK_CASE(U8, U8_sigterm_removes_pidfile)
{
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    case_signal(daemon, SIGTERM);
    cr_assert(case_wait_gone(daemon, CASE_DEADLINE),
              "daemon %d still alive %gs after SIGTERM", (int)daemon,
              CASE_DEADLINE);
    /* Its processes settle first: a supervisor may remove the PID file
     * once the daemon has exited (jsvc's controller does). */
    case_wait_only(NULL, 0, CASE_DEADLINE);
    cr_expect(access(l->pidfile, F_OK) != 0,
              "daemon %d ended on SIGTERM but left %s behind",
              (int)daemon, l->pidfile);
}

DK_CASE(U8, U8_sigterm_leaves_no_process)
{
    pid_t daemon = case_run(NULL, NULL);
    case_signal(daemon, SIGTERM);
    cr_expect(case_wait_only(NULL, 0, CASE_DEADLINE),
              "processes of the subject still alive after SIGTERM to "
              "daemon %d: [%s]",
              (int)daemon, case_describe_living());
}
