/* U2: Register cleanup of the PID file for program exit. */
#include "../harness/case.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

DK_CASE(U2, U2_pidfile_kept_after_launcher_exit)
{
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    /* The intermediate child is the session leader the daemon left behind. */
    obs_stat st = case_stat(daemon);
    if (st.sid != daemon && st.sid != l->launcher)
        case_wait_gone(st.sid, CASE_DEADLINE);
    cr_expect(access(l->pidfile, F_OK) == 0,
              "expected %s to remain after the launcher %d and the "
              "intermediate %d exited (daemon %d runs); it is gone",
              l->pidfile, (int)l->launcher, (int)st.sid, (int)daemon);
}

DK_CASE(U2, U2_pidfile_removed_at_daemon_exit)
{
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    /* SIGINT with the default handler is the daemon's orderly exit. */
    case_signal(daemon, SIGINT);
    const char *why = NULL;
    cr_assert(case_ends(daemon, SIGINT, CASE_DEADLINE, "the daemon's end "
                        "after SIGINT", &why),
              "daemon %d still alive %gs after SIGINT (default handler): %s",
              (int)daemon, CASE_DEADLINE, why);
    /* Its processes settle first: a supervisor may remove the PID file
     * once the daemon has exited (jsvc's controller does). */
    case_wait_only(NULL, 0, CASE_DEADLINE);
    const char *left = sandbox_read(l->pidfile, NULL);
    cr_expect(left == NULL,
              "expected %s removed when daemon %d exited; it remains "
              "holding \"%s\"",
              l->pidfile, (int)daemon, left ? left : "");
}
