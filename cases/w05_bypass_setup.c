/* W5: The relaunched process bypasses already-completed setup code,
 * switched by an environment variable. */
#include "../harness/case.h"

#include <stdio.h>
#include <stdlib.h>

/* The daemon's environment holds the switch: a variable, with a value,
 * that the launcher was not given. Its name is each implementation's own
 * (libdaemoniker's DAEMONIKER_RELAUNCHED, Daemoniker's __INVOKE_DAEMON__). */
DK_WIN_CASE(W5, W5_daemon_has_the_switch)
{
    win_pid daemon = case_run(NULL, NULL);
    size_t n;
    case_win_env_added(daemon, &n);
    cr_expect(n > 0, "daemon %lu's environment holds no variable its launcher "
              "was not given: nothing in it switches the relaunch", daemon);
}

/* Skipping the setup, the relaunch does not launch again: one daemon, whose
 * only child is its sentinel, and nothing else of the subject alive. */
DK_WIN_CASE(W5, W5_relaunch_does_not_launch_again)
{
    launch *l;
    win_pid daemon = case_run(NULL, &l);
    size_t n, children = 0;
    const win_proc *procs = case_win_snapshot(&n);
    for (size_t i = 0; i < n; i++)
        children += procs[i].ppid == daemon;
    cr_expect(children <= 1, "daemon %lu has %zu children; expected its "
              "sentinel at most", daemon, children);
    /* Wine's own helpers of a launch may take a while to go: a count
     * above 2 is judged once it stays while everything sleeps. */
    const char *why = NULL;
    bool two = case_count_living() <= 2 ||
               case_count_left(2, CASE_DEADLINE, "at most the daemon and "
                               "its sentinel alive", &why);
    cr_expect(two, "%zu processes of the subject alive; expected the daemon "
              "and its sentinel: %s", case_count_living(), why);
}
