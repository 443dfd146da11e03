/* H3: readiness: when the daemon fails after the fork, the launcher exits
 * non-zero with a one-line reason, leaving no daemon and no PID file.
 * For a Windows subject (DK_ANY_CASE, DK_WIN_CASE) "after the fork" is
 * after the relaunch: the launcher waits for the daemon's answer (W10).
 *
 * daemon(7)'s items 14 and 15 are the same contract: the daemon tells the
 * original process how its initialization went (D14, a failure included),
 * and the original process exits only then (D15). */
#include "../harness/case.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void expect_clean_failure(const launch_spec *spec, const char *what)
{
    launch *l = case_start(spec);
    int code = case_wait_launcher(l);
    cr_expect(code != 0, "expected the launcher to fail on %s; it "
              "exited 0", what);
    const char *why = case_launcher_error(l);
    cr_expect(why[0] != '\0', "expected a one-line reason on stderr for "
              "%s; stderr is empty", what);
    const char *gone = NULL;
    cr_expect(case_only_left(NULL, 0, CASE_DEADLINE, "the end of every "
                             "process after the failure", &gone),
              "expected no daemon after failing on %s; living: [%s]: %s",
              what, case_describe_living(), gone);
    cr_expect(access(l->pidfile, F_OK) != 0,
              "expected no PID file after failing on %s; %s remains", what,
              l->pidfile);
}

DK_ANY_CASE(H3, H3_bad_chdir_fails_launcher)
{
    sandbox_require("chdir");
    sandbox_require("readiness");
    case_precondition_daemon();
    launch_spec spec = {.chdir = sandbox_path("no-such-dir")};
    expect_clean_failure(&spec, "--chdir to a missing directory");
}

DK_ANY_CASE_BOTH(H3, H3_unopenable_stdout_fails_launcher, D14, D14_failure_told)
{
    sandbox_require("stdout");
    sandbox_require("readiness");
    case_precondition_daemon();
    launch_spec spec = {.stdout_path = sandbox_path("no-such-dir/out.log")};
    expect_clean_failure(&spec, "--stdout in a missing directory");
}

/* Not yet judged on Unix (H8 has their input there). */
DK_WIN_CASE(H3, H3_win_unopenable_stdin_fails_launcher)
{
    sandbox_require("stdin");
    sandbox_require("readiness");
    case_precondition_daemon();
    launch_spec spec = {.stdin_path = sandbox_path("no-such-dir/in.txt")};
    expect_clean_failure(&spec, "--stdin in a missing directory");
}

/* The payload's own failure after the library's steps (its ready file):
 * the launcher still waits for it (readiness). */
DK_WIN_CASE(H3, H3_win_payload_failure_fails_launcher)
{
    sandbox_require("readiness");
    case_precondition_daemon();
    launch_spec spec = {.ready = sandbox_path("no-such-dir/ready")};
    expect_clean_failure(&spec, "--ready in a missing directory");
}

/* Rounds, so that a launcher racing its daemon's PID file shows. */
#define D15_ROUNDS 10

/* The PID the file holds, for D15: decimal digits, a newline or not (a PID
 * written without its newline is U5's format defect, judged there, not a
 * PID missing); 0 if none. */
static pid_t pid_written(const char *path)
{
    size_t len;
    const char *text = sandbox_read(path, &len);
    if (text == NULL || len == 0)
        return 0;
    size_t digits = strspn(text, "0123456789");
    if (digits == 0 || digits > 9 ||
        !(digits == len || (digits + 1 == len && text[digits] == '\n')))
        return 0;
    return (pid_t)strtol(text, NULL, 10);
}

DK_CASE(D15, D15_launcher_exits_after_pidfile)
{
    sandbox_require("pidfile");
    for (int round = 1; round <= D15_ROUNDS; round++) {
        launch *l = case_start(NULL);
        int code = case_wait_launcher(l);
        cr_assert_eq(code, 0, "round %d: the launcher exited %d: %s", round,
                     code, case_launcher_error(l));
        pid_t pid = pid_written(l->pidfile);
        cr_assert(pid > 1 && case_alive(pid),
                  "round %d: the launcher exited 0 before its daemon's "
                  "initialization was complete: the PID file %s holds %s",
                  round, l->pidfile,
                  pid > 1 ? "a PID no process has"
                          : access(l->pidfile, F_OK) != 0 ? "nothing: it "
                                                            "does not exist"
                                                          : "no PID");
        case_signal(pid, SIGKILL);
        case_wait_gone(pid, CASE_DEADLINE);
        unlink(l->pidfile);
    }
}
