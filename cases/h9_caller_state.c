/* H11: the caller's state does not decide the outcome. A launcher started
 * with standard descriptors closed (by cron, inetd, a supervisor that
 * closes what it does not use) must still leave a whole daemon: alive, its
 * PID file naming it and refusing a second launch, its stdio on the null
 * device, and SIGTERM ending it with the PID file removed.
 *
 * What goes wrong otherwise: the implementation's next open() lands on the
 * closed number, so its PID file (or its readiness pipe) becomes fd 0, 1
 * or 2, and the daemon's own redirection of stdio then closes it. A PID
 * file closed that way loses its lock and its cleanup (it is no longer the
 * file the daemon holds), and SIGTERM leaves it stale. The other closed-
 * descriptor combinations, and the library's other callers (fd limits,
 * signal masks, threads, environments, umasks, full file systems), are
 * scripts/check.d/71-caller-matrix's, through the library API. */
#include "../harness/case.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void expect_whole_daemon(unsigned closed, const char *what)
{
    sandbox_require("readiness");
    launch *l;
    launch_spec spec = {.closed_stdio = closed};
    pid_t daemon = case_run(&spec, &l);

    for (int fd = 0; fd <= 2; fd++) {
        obs_fd seen;
        cr_expect(case_fd_is(daemon, fd, "/dev/null", &seen),
                  "launched with %s: expected fd %d of daemon %d on "
                  "/dev/null; it is \"%s\"", what, fd, (int)daemon,
                  seen.target[0] ? seen.target : "closed");
    }
    cr_expect(case_pidfile_pid(l->pidfile) == daemon,
              "launched with %s: expected the PID file to name daemon %d; "
              "it names %d", what, (int)daemon,
              (int)case_pidfile_pid(l->pidfile));

    /* A second launch on the same PID file is refused while it runs. */
    launch *second = case_start(NULL);
    cr_expect(case_wait_launcher(second) != 0,
              "launched with %s: a second launch on daemon %d's PID file "
              "exited 0", what, (int)daemon);
    cr_expect(case_alive(daemon) &&
                  case_pidfile_pid(l->pidfile) == daemon,
              "launched with %s: after a second launch was tried, daemon %d "
              "%s and the PID file names %d", what, (int)daemon,
              case_alive(daemon) ? "lives" : "is gone",
              (int)case_pidfile_pid(l->pidfile));

    case_signal(daemon, SIGTERM);
    cr_expect(case_wait_gone(daemon, CASE_DEADLINE),
              "launched with %s: daemon %d did not end on SIGTERM", what,
              (int)daemon);
    cr_expect(access(l->pidfile, F_OK) != 0,
              "launched with %s: daemon %d ended on SIGTERM but left its PID "
              "file %s (it no longer held the file: its stdio redirection "
              "closed it?)", what, (int)daemon, l->pidfile);
}

DK_CASE(H11, H11_stdin_closed_at_launch)
{
    expect_whole_daemon(1u << 0, "stdin closed");
}

DK_CASE(H11, H11_stdout_and_stderr_closed_at_launch)
{
    expect_whole_daemon(1u << 1 | 1u << 2, "stdout and stderr closed");
}

DK_CASE(H11, H11_all_stdio_closed_at_launch)
{
    expect_whole_daemon(1u << 0 | 1u << 1 | 1u << 2,
                        "stdin, stdout and stderr closed");
}
