/* H6: redirected output is appended, never truncating an existing log. */
#include "../harness/case.h"
#include "../harness/trace_case.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>

/* For a Windows subject too. */
DK_ANY_CASE(H6, H6_existing_log_kept)
{
    sandbox_require("stdout");
    const char *log = sandbox_file("out.log", "previous line\n");
    launch_spec spec = {.stdout_path = log};
    case_observe_calls();
    pid_t daemon = case_run(&spec, NULL);
    char line[32];
    snprintf(line, sizeof line, "ready %d\n", (int)daemon);
    /* Flushed before the ready file was written (the contract): no wait. */
    const char *text = sandbox_read(log, NULL);
    cr_expect(text && strncmp(text, "previous line\n", 14) == 0 &&
                  strstr(text, line) != NULL,
              "expected %s to keep \"previous line\" and gain \"ready "
              "%d\"; it holds \"%s\"%s", log, (int)daemon, text ? text : "",
              case_calls_on(log));
}

DK_CASE(H6, H6_output_opened_for_append)
{
    sandbox_require("stdout");
    sandbox_require("stderr");
    launch_spec spec = {.stdout_path = sandbox_path("out.log"),
                        .stderr_path = sandbox_path("err.log")};
    case_observe_calls();
    pid_t daemon = case_run(&spec, NULL);
    for (int fd = 1; fd <= 2; fd++) {
        obs_fd seen;
        cr_assert(obs_read_fd(daemon, fd, &seen) == 0,
                  "fd %d of daemon %d is closed", fd, (int)daemon);
        cr_expect(seen.flags & O_APPEND,
                  "expected fd %d of daemon %d (%s) opened O_APPEND; "
                  "flags %#o%s", fd, (int)daemon, seen.target,
                  (unsigned)seen.flags, case_calls_on(seen.target));
    }
}
