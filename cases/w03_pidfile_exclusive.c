/* W3: Create the PID file, failing if it already exists. */
#include "../harness/case.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>
#include <unistd.h>

DK_WIN_CASE(W3, W3_second_launch_refused)
{
    launch *first;
    win_pid daemon = case_run(NULL, &first);
    const char *before = sandbox_read(first->pidfile, NULL);
    size_t living = case_count_living();

    launch *second = case_start(NULL);
    int code = case_wait_launcher(second);
    cr_expect(code != 0, "a second launch with the same PID file exited 0");
    const char *after = sandbox_read(first->pidfile, NULL);
    cr_expect(before && after && strcmp(before, after) == 0,
              "the second launch changed the PID file: \"%s\" -> \"%s\"",
              before ? before : "(none)", after ? after : "(none)");
    cr_expect(access(second->ready, F_OK) != 0,
              "the second launch started a second daemon");
    cr_expect(case_win_info(daemon, NULL).alive,
              "the first daemon %lu died after the second launch", daemon);
    cr_expect(case_count_living() == living,
              "%zu processes of the subject alive after the refused launch, "
              "%zu before", case_count_living(), living);
}

/* Refused before relaunching: no process of the subject ever starts, and
 * the file is left as it was. */
DK_WIN_CASE(W3, W3_existing_pidfile_refused_before_relaunch)
{
    sandbox_file("daemon.pid", "4242\n");
    launch *l = case_start(NULL);
    int code = case_wait_launcher(l);
    cr_expect(code != 0, "launch over an existing PID file exited 0");
    cr_expect(case_count_living() == 0,
              "%zu processes of the subject left after a refused launch",
              case_count_living());
    const char *after = sandbox_read(l->pidfile, NULL);
    cr_expect(after && strcmp(after, "4242\n") == 0,
              "the existing PID file was changed to \"%s\"",
              after ? after : "(removed)");
}
