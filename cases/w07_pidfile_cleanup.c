/* W7: Write its PID to the PID file and register the file's cleanup for
 * exit.
 *
 * With signal handling started (the subject always starts it), SW3 names
 * the sentinel in the PID file at once, so the daemon's own PID is there
 * only for an instant no observer can catch; the file names the daemon's
 * line (it or its sentinel), never the launcher. */
#include "../harness/case.h"

#include <stdio.h>
#include <stdlib.h>

#include <unistd.h>

DK_WIN_CASE(W7, W7_pidfile_names_the_daemon_or_its_sentinel)
{
    launch *l;
    win_pid daemon = case_run(NULL, &l);
    win_pid named = case_pidfile_pid(l->pidfile);
    cr_assert(named != 0, "PID file %s holds no PID", l->pidfile);
    win_info in = case_win_info(named, NULL);
    cr_expect(named == daemon || (in.alive && in.ppid == daemon),
              "PID file names %lu, neither daemon %lu nor a child of it",
              named, daemon);
}

/* The launcher exits without touching it: it never runs the cleanup. */
DK_WIN_CASE(W7, W7_launcher_exit_keeps_pidfile)
{
    launch *l;
    case_run(NULL, &l);
    cr_expect(access(l->pidfile, F_OK) == 0,
              "the PID file %s is gone once the launcher exited", l->pidfile);
}

/* The daemon's orderly exit (its default SIGTERM handler calls exit())
 * runs the registered cleanup. */
DK_WIN_CASE(W7, W7_orderly_exit_removes_pidfile)
{
    sandbox_require("on");
    launch_spec spec = {.on = {"TERM=default"}, .n_on = 1};
    launch *l;
    win_pid daemon = case_run(&spec, &l);
    pid_t sentinel = case_pidfile_pid(l->pidfile);
    cr_assert(sentinel > 0,
              "daemon %lu runs, but the PID file %s names no process to end "
              "it through (%s)",
              daemon, l->pidfile,
              access(l->pidfile, F_OK) == 0 ? "no PID in it" : "it is gone");
    unsigned long code = 0;
    int ended = win_end_then_wait((win_pid)sentinel, 15, daemon,
                                  CASE_DEADLINE, &code);
    if (ended < 0)
        case_broken("the probe could not wait for daemon %lu", daemon);
    if (ended == 2) /* it ended before the probe looked */
        ended = 1;
    const char *why = ended == 1 ? NULL
                                 : case_evidence(daemon, 0, CASE_DEADLINE,
                                                 "the daemon's end after "
                                                 "SIGTERM's sentinel");
    cr_assert(ended == 1,
              "daemon %lu still alive %gs after SIGTERM's sentinel ended: %s",
              daemon, CASE_DEADLINE, why);
    cr_expect(access(l->pidfile, F_OK) != 0,
              "daemon %lu exited (code %lu) but left %s", daemon, code,
              l->pidfile);
}
