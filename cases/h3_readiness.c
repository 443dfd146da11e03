/* H3: readiness: when the daemon fails after the fork, the launcher exits
 * non-zero with a one-line reason, leaving no daemon and no PID file.
 * For a Windows subject (DK_ANY_CASE, DK_WIN_CASE) "after the fork" is
 * after the relaunch: the launcher waits for the daemon's answer (W10).
 *
 * daemon(7)'s items 14 and 15 are the same contract: the daemon tells the
 * original process how its initialization went (D14, a failure included),
 * and the original process exits only then (D15). */
#include "../harness/as_found.h"
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

/* The launcher's own timeout (--timeout, the library's success_timeout):
 * a launcher that gives up has failed the launch, and must leave what it
 * found: no daemon, no PID file (an empty one would refuse every later
 * launch), however early it gives up, down to before the daemon wrote its
 * PID or before the launcher even learnt the daemon's PID. A daemon ready
 * within the timeout is as right: the launcher then exits 0. Each timeout
 * gets a PID file of its own; a daemon that was ready in time is ended
 * before the next. */
static bool only_ready_files_differ(const char *before, const char *after)
{
    /* The ready file (and its temporary) is the payload's, written before
     * the library reports: a daemon killed after it leaves it. */
    char *a = sandbox_printf("%s", before), *b = sandbox_printf("%s", after);
    char *kept[2] = {a, b};
    for (int k = 0; k < 2; k++) {
        char *out = kept[k];
        for (char *line = strtok(kept[k], "\n"); line != NULL;
             line = strtok(NULL, "\n")) {
            if (strncmp(line, "f ready", 7) == 0)
                continue;
            size_t n = strlen(line);
            memmove(out, line, n);
            out[n] = '\n';
            out += n + 1;
        }
        *out = '\0';
    }
    return strcmp(a, b) == 0;
}

DK_CASE(H3, H3_launcher_timeout_leaves_nothing)
{
    sandbox_require("timeout");
    sandbox_require("readiness");
    case_precondition_daemon();
    static const char *const timeouts[] = {"0.000001", "0.00001", "0.0001",
                                           "0.001", "0.003"};
    size_t gave_up = 0;
    for (size_t i = 0; i < sizeof timeouts / sizeof timeouts[0]; i++) {
        const char *listing = case_listing();
        launch_spec spec = {.timeout = timeouts[i],
                            .pidfile = sandbox_printf("daemon-%zu.pid", i)};
        launch *l = case_start(&spec);
        if (case_wait_launcher(l) == 0) {
            pid_t daemon = case_daemon(l);
            case_signal(daemon, SIGKILL);
            if (!case_wait_gone(daemon, CASE_DEADLINE))
                case_broken("daemon %d outlived SIGKILL", (int)daemon);
            unlink(l->pidfile);
            continue;
        }
        gave_up++;
        cr_expect(case_launcher_error(l)[0] != '\0',
                  "--timeout %s: the launcher failed without a reason on "
                  "stderr", timeouts[i]);
        cr_expect(case_wait_only(NULL, 0, CASE_DEADLINE),
                  "--timeout %s: the launcher gave up (\"%s\") but left a "
                  "daemon: living [%s]", timeouts[i], case_launcher_error(l),
                  case_describe_living());
        cr_expect(access(l->pidfile, F_OK) != 0,
                  "--timeout %s: the launcher gave up (\"%s\") but left the "
                  "PID file %s (%s)", timeouts[i], case_launcher_error(l),
                  l->pidfile,
                  case_pidfile_pid(l->pidfile) ? "naming a PID"
                                               : "holding no PID");
        cr_expect(only_ready_files_differ(listing, case_listing()),
                  "--timeout %s: the launcher gave up but the sandbox "
                  "changed: before [%s], after [%s]", timeouts[i],
                  one_line(listing), one_line(case_listing()));
        case_wait_only(NULL, 0, CASE_DEADLINE); /* none left to disturb the next */
    }
    if (gave_up == 0)
        cr_skip_test("every launch was ready within its timeout (down to "
                     "%ss): a launcher that gives up was never seen",
                     timeouts[0]);
}
