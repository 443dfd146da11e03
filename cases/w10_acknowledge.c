/* W10: Hand the state back to the resumed daemon; the original process
 * exits after the daemon acknowledges success, within success_timeout. */
#include "../harness/case.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>
#include <unistd.h>

/* When the launcher has exited 0 the daemon has done its steps: the PID
 * file names it (or its sentinel), not the empty file W3 created. */
DK_WIN_CASE(W10, W10_launcher_exits_after_the_daemons_steps)
{
    launch *l = case_start(NULL);
    int code = case_wait_launcher(l);
    cr_assert(code == 0, "launcher exited %d: \"%s\"", code,
              case_launcher_error(l));
    const char *text = sandbox_read(l->pidfile, NULL);
    cr_expect(case_pidfile_pid(l->pidfile) != 0,
              "the launcher exited 0 while the PID file held \"%s\": it "
              "did not wait for the daemon", text ? text : "(no file)");
}

/* A daemon failing after the relaunch (a directory that does not exist)
 * makes the launcher fail with its reason, leaving nothing behind. */
DK_WIN_CASE(W10, W10_daemon_failure_reaches_the_launcher)
{
    sandbox_require("chdir");
    launch_spec spec = {.chdir = sandbox_path("missing")};
    launch *l = case_start(&spec);
    int code = case_wait_launcher(l);
    cr_expect(code != 0, "launcher exited 0 though the daemon could not "
              "change to a missing directory");
    cr_expect(strstr(case_launcher_error(l), "missing") != NULL,
              "the launcher's error does not name the directory: \"%s\"",
              case_launcher_error(l));
    const char *why = NULL;
    cr_expect(case_count_left(0, CASE_DEADLINE, "the end of every process "
                              "after the failed launch", &why),
              "%zu processes of the subject left after the failed launch: %s",
              case_count_living(), why);
    cr_expect(access(l->pidfile, F_OK) != 0,
              "the failed launch left the PID file behind");
}
