/* H6 on Windows: redirected output is appended, never truncating an
 * existing log: what the file held stays first, the daemon's lines follow.
 * H6_existing_log_kept (h6_append.c) shows it for stdout; on Unix,
 * H6_output_opened_for_append shows stderr's O_APPEND, a handle's access
 * the probe does not read: here stderr's file content shows it. */
#include "../harness/case.h"

#include <stdio.h>
#include <string.h>

static void expect_kept(const char *name, win_pid daemon)
{
    const char *want = sandbox_printf("previous line\nready %lu\n", daemon);
    const char *text = sandbox_read(sandbox_path(name), NULL);
    cr_expect(text && strncmp(text, want, strlen(want)) == 0,
              "expected %s to keep \"previous line\" and gain \"ready %lu\" "
              "after it; it holds \"%s\"", name, daemon, text ? text : "");
}

DK_WIN_CASE(H6, H6_win_existing_stderr_log_kept)
{
    sandbox_require("stderr");
    sandbox_file("err.log", "previous line\n");
    launch_spec spec = {.stderr_path = sandbox_path("err.log")};
    expect_kept("err.log", case_run(&spec, NULL));
}
