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
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The number the PID file starts with (0 if none, or no file). */
static long named_pid(const char *pidfile)
{
    const char *text = sandbox_read(pidfile, NULL);
    return text != NULL ? atol(text) : 0;
}

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
    /* The PID it names, read as U5_pidfile_names_daemon reads it: the
     * file's exact format is U5's to judge, not the caller's state's. */
    cr_expect(named_pid(l->pidfile) == daemon,
              "launched with %s: expected the PID file to name daemon %d; "
              "it names %ld", what, (int)daemon, named_pid(l->pidfile));

    /* A second launch on the same PID file is refused while it runs. */
    launch *second = case_start(NULL);
    cr_expect(case_wait_launcher(second) != 0,
              "launched with %s: a second launch on daemon %d's PID file "
              "exited 0", what, (int)daemon);
    cr_expect(case_alive(daemon) && named_pid(l->pidfile) == daemon,
              "launched with %s: after a second launch was tried, daemon %d "
              "%s and the PID file names %ld", what, (int)daemon,
              case_alive(daemon) ? "lives" : "is gone", named_pid(l->pidfile));

    case_signal(daemon, SIGTERM);
    cr_expect(case_wait_gone(daemon, CASE_DEADLINE),
              "launched with %s: daemon %d did not end on SIGTERM", what,
              (int)daemon);
    /* Another process of the implementation may remove the file once it
     * has reaped the daemon (jsvc's controller): wait for that, as U8
     * does, and FAIL only when nothing of the subject is left to do it. */
    if (case_pidfile_removed_after(l, daemon,
                                   sandbox_printf("launched with %s: ", what)))
        return;
    cr_expect_fail("launched with %s: daemon %d ended on SIGTERM and left "
                   "its PID file %s, with no process of the subject left to "
                   "remove it (if U8 passes, the file was no longer the one "
                   "it held: its stdio redirection closed it?)", what,
                   (int)daemon, l->pidfile);
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
