/* H3 on Windows: when the relaunched daemon fails before it is ready, the
 * launcher (waiting for its acknowledgement, W10) exits non-zero with a
 * one-line reason, and no process of the subject nor PID file is left. */
#include "../harness/case_win.h"

#include <string.h>
#include <unistd.h>

static void expect_clean_failure(const win_spec *spec, const char *what)
{
    win_case_precondition_daemon();
    win_launch *l = win_case_start(spec);
    int code = win_case_wait_launcher(l);
    cr_expect(code != 0, "expected the launcher to fail on %s; it exited 0",
              what);
    cr_expect(win_case_launcher_error(l)[0] != '\0', "expected a one-line "
              "reason on stderr for %s; stderr is empty", what);
    cr_expect(win_case_wait_living(0, WIN_DEADLINE),
              "expected no daemon after failing on %s; %zu processes of the "
              "subject alive", what, win_case_living());
    cr_expect(access(l->pidfile, F_OK) != 0,
              "expected no PID file after failing on %s; %s remains", what,
              l->pidfile);
}

DK_WIN_CASE(H3, H3_win_bad_chdir_fails_launcher)
{
    sandbox_require("chdir");
    win_spec spec = {.chdir = "no-such-dir"};
    expect_clean_failure(&spec, "--chdir to a missing directory");
}

DK_WIN_CASE(H3, H3_win_unopenable_stdout_fails_launcher)
{
    sandbox_require("stdout");
    win_spec spec = {.stdout_path = "no-such-dir/out.log"};
    expect_clean_failure(&spec, "--stdout in a missing directory");
}

DK_WIN_CASE(H3, H3_win_unopenable_stdin_fails_launcher)
{
    sandbox_require("stdin");
    win_spec spec = {.stdin_path = "no-such-dir/in.txt"};
    expect_clean_failure(&spec, "--stdin in a missing directory");
}

/* The payload's own failure after the library's steps (its ready file):
 * the launcher still waits for it (readiness). */
DK_WIN_CASE(H3, H3_win_payload_failure_fails_launcher)
{
    sandbox_require("readiness");
    win_spec spec = {.ready = "no-such-dir/ready"};
    expect_clean_failure(&spec, "--ready in a missing directory");
}
