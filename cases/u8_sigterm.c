/* U8: A well-behaved daemon handles SIGTERM: it cleans up and exits. */
#include "../harness/case.h"

#include <signal.h>
#include <stdbool.h>
#include <unistd.h>

DK_CASE(U8, U8_sigterm_ends_daemon)
{
    pid_t daemon = case_run(NULL, NULL);
    case_signal(daemon, SIGTERM);
    const char *why = NULL;
    cr_expect(case_ends(daemon, SIGTERM, CASE_DEADLINE, "the daemon's end "
                        "after SIGTERM", &why),
              "daemon %d still alive %gs after SIGTERM: %s", (int)daemon,
              CASE_DEADLINE, why);
}

/* The PID file may be removed by another process of the implementation
 * than the daemon (a supervisor, once it has reaped it): the verdict waits
 * until the file is gone or nothing of the subject is left to remove it. */
DK_CASE(U8, U8_sigterm_removes_pidfile)
{
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    case_signal(daemon, SIGTERM);
    const char *why = NULL;
    cr_assert(case_ends(daemon, SIGTERM, CASE_DEADLINE, "the daemon's end "
                        "after SIGTERM", &why),
              "daemon %d still alive %gs after SIGTERM: %s", (int)daemon,
              CASE_DEADLINE, why);
    if (case_pidfile_removed_after(l, daemon, "SIGTERM: "))
        return;
    cr_expect_fail("daemon %d ended on SIGTERM but left %s behind (no "
                   "process of the subject is left to remove it)",
                   (int)daemon, l->pidfile);
}

DK_CASE(U8, U8_sigterm_leaves_no_process)
{
    pid_t daemon = case_run(NULL, NULL);
    case_signal(daemon, SIGTERM);
    const char *why = NULL;
    cr_expect(case_only_left(NULL, 0, CASE_DEADLINE, "the end of every "
                             "process after SIGTERM to the daemon", &why),
              "processes of the subject still alive after SIGTERM to "
              "daemon %d: [%s]: %s",
              (int)daemon, case_describe_living(), why);
}
