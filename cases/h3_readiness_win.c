/* H3 on Windows: when the relaunched daemon fails before it is ready, the
 * launcher (waiting for its acknowledgement, W10) exits non-zero with a
 * one-line reason, and no process of the subject nor PID file is left. */
#include "../harness/case.h"

#include <string.h>
#include <unistd.h>

static void expect_clean_failure(const launch_spec *spec, const char *what)
{
    case_precondition_daemon();
    launch *l = case_start(spec);
    int code = case_wait_launcher(l);
    cr_expect(code != 0, "expected the launcher to fail on %s; it exited 0",
              what);
    cr_expect(case_launcher_error(l)[0] != '\0', "expected a one-line "
              "reason on stderr for %s; stderr is empty", what);
    cr_expect(case_wait_living(0, CASE_DEADLINE),
              "expected no daemon after failing on %s; %zu processes of the "
              "subject alive", what, case_count_living());
    cr_expect(access(l->pidfile, F_OK) != 0,
              "expected no PID file after failing on %s; %s remains", what,
              l->pidfile);
}

DK_WIN_CASE(H3, H3_win_bad_chdir_fails_launcher)
{
    sandbox_require("chdir");
    launch_spec spec = {.chdir = sandbox_path("no-such-dir")};
    expect_clean_failure(&spec, "--chdir to a missing directory");
}

DK_WIN_CASE(H3, H3_win_unopenable_stdout_fails_launcher)
{
    sandbox_require("stdout");
    launch_spec spec = {.stdout_path = sandbox_path("no-such-dir/out.log")};
    expect_clean_failure(&spec, "--stdout in a missing directory");
}

DK_WIN_CASE(H3, H3_win_unopenable_stdin_fails_launcher)
{
    sandbox_require("stdin");
    launch_spec spec = {.stdin_path = sandbox_path("no-such-dir/in.txt")};
    expect_clean_failure(&spec, "--stdin in a missing directory");
}

/* The payload's own failure after the library's steps (its ready file):
 * the launcher still waits for it (readiness). */
DK_WIN_CASE(H3, H3_win_payload_failure_fails_launcher)
{
    sandbox_require("readiness");
    launch_spec spec = {.ready = sandbox_path("no-such-dir/ready")};
    expect_clean_failure(&spec, "--ready in a missing directory");
}
