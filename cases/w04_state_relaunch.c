/* W4: Save the caller's state ("namespace") and relaunch the program.
 *
 * The reference hands its whole command line over as the state, so the
 * daemon acting on an option (logging a signal) shows the state arrived.
 * The state file is owner-only (W4) but lives only between the launcher's
 * write and the daemon's read: no observation from outside can catch its
 * access list, so no case claims it. */
#include "../harness/case.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>

DK_WIN_CASE(W4, W4_relaunched_daemon_acts_on_the_state)
{
    sandbox_require("on");
    launch_spec spec = {.stdout_path = sandbox_path("out.log"), .on = {"INT=log"}, .n_on = 1};
    launch *l;
    win_pid daemon = case_run(&spec, &l);
    win_pid sentinel = case_pidfile_pid(l->pidfile);
    cr_assert(sentinel != 0, "the PID file names no process");
    cr_assert(case_win_signal(sentinel, 2, l) != 0,
              "no new sentinel after ending %lu with 2", sentinel);
    const char *log = sandbox_read(sandbox_path("out.log"), NULL);
    cr_expect(log && strstr(log, "signal 2\n"),
              "daemon %lu did not act on --on INT=log from its state; its "
              "stdout: \"%s\"", daemon, log ? log : "(none)");
}

/* A relaunch, not the launcher itself: another process, whose command line
 * starts with the executable's full path. */
DK_WIN_CASE(W4, W4_daemon_is_a_new_process)
{
    launch *l;
    win_pid daemon = case_run(NULL, &l);
    win_info in = case_win_info(daemon, NULL);
    win_info parent = case_win_info(in.ppid, NULL);
    cr_expect(!parent.alive,
              "daemon %lu's parent %lu is still alive; expected the "
              "launcher to have exited", daemon, in.ppid);
    cr_expect(in.cmdline[0] == '"' && strncmp(in.cmdline + 1, in.image,
                                              strlen(in.image)) == 0,
              "the relaunch's command line does not start with its "
              "executable: %s", in.cmdline);
}
