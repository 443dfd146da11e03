/* U7: Redirect stdin, stdout and stderr. The launcher's own are a
 * pseudo-terminal and two pipes dkcheck reads, none of which the daemon
 * may keep. */
#include "../harness/case.h"
#include "../harness/output_holders.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* accmode O_RDONLY: read-only; O_WRONLY: writable; ANY_MODE: either.
 * Daemoniker documents stdin redirected, and daemon(7) "connected", to
 * /dev/null, neither in which mode: a read-only stdin is the hardening
 * step H10's (h10_stdin_readonly.c). */
#define ANY_MODE (-1)

static void expect_fd_on(pid_t daemon, int fd, const char *path, int accmode)
{
    obs_fd seen;
    cr_assert(case_fd_is(daemon, fd, path, &seen),
              "expected fd %d of daemon %d on %s; it is \"%s\"", fd,
              (int)daemon, path, seen.target[0] ? seen.target : "closed");
    if (accmode == ANY_MODE)
        return;
    int got = seen.flags & O_ACCMODE;
    bool ok = accmode == O_RDONLY ? got == O_RDONLY
                                  : got == O_WRONLY || got == O_RDWR;
    cr_expect(ok, "expected fd %d of daemon %d %s; its flags are %#o", fd,
              (int)daemon, accmode == O_RDONLY ? "read-only" : "writable",
              (unsigned)seen.flags);
}

DK_CASE_BOTH(U7, U7_default_stdio_null, D9, D9_stdio_null)
{
    pid_t daemon = case_run(NULL, NULL);
    expect_fd_on(daemon, 0, "/dev/null", ANY_MODE);
    expect_fd_on(daemon, 1, "/dev/null", O_WRONLY);
    expect_fd_on(daemon, 2, "/dev/null", O_WRONLY);
}

DK_CASE(U7, U7_stdin_redirected)
{
    sandbox_require("stdin");
    const char *in = sandbox_file("in.txt", "input\n");
    launch_spec spec = {.stdin_path = in};
    expect_fd_on(case_run(&spec, NULL), 0, in, ANY_MODE);
}

DK_CASE(U7, U7_stdout_redirected)
{
    sandbox_require("stdout");
    launch_spec spec = {.stdout_path = sandbox_path("out.log")};
    expect_fd_on(case_run(&spec, NULL), 1, spec.stdout_path, O_WRONLY);
}

DK_CASE(U7, U7_stderr_redirected)
{
    sandbox_require("stderr");
    launch_spec spec = {.stderr_path = sandbox_path("err.log")};
    expect_fd_on(case_run(&spec, NULL), 2, spec.stderr_path, O_WRONLY);
}

DK_CASE(U7, U7_missing_targets_created)
{
    sandbox_require("stdout");
    sandbox_require("stderr");
    launch_spec spec = {.stdout_path = sandbox_path("new-out.log"),
                        .stderr_path = sandbox_path("new-err.log")};
    case_run(&spec, NULL);
    cr_expect(access(spec.stdout_path, F_OK) == 0,
              "expected missing stdout target %s created; it is not",
              spec.stdout_path);
    cr_expect(access(spec.stderr_path, F_OK) == 0,
              "expected missing stderr target %s created; it is not",
              spec.stderr_path);
}

DK_CASE(U7, U7_ready_lines_land)
{
    sandbox_require("stdout");
    sandbox_require("stderr");
    launch_spec spec = {.stdout_path = sandbox_path("out.log"),
                        .stderr_path = sandbox_path("err.log")};
    pid_t daemon = case_run(&spec, NULL);
    char line[32];
    snprintf(line, sizeof line, "ready %d\n", (int)daemon);
    /* The contract has the lines flushed before the ready file is written,
     * so they are there now: no wait. */
    const char *paths[] = {spec.stdout_path, spec.stderr_path};
    for (int i = 0; i < 2; i++) {
        const char *text = sandbox_read(paths[i], NULL);
        cr_expect(text && strstr(text, line),
                  "expected \"ready %d\" in %s; it holds \"%s\"",
                  (int)daemon, paths[i], text ? text : "(nothing)");
    }
}

/* `out=$(launcher ...)` returns: once the launcher has exited and its
 * daemon is ready, no process of the subject has the launcher's stdout or
 * stderr pipe as its own stdio (0-2); above them it is U6's. */
DK_CASE(U7, U7_launcher_output_reaches_eof)
{
    launch *l;
    case_run(NULL, &l);
    output_expect_eof(l, 0, 2);
}
