/* W8: Redirect stdin, stdout and stderr. Seen in the standard handles the
 * daemon's process parameters hold, and in the files it writes. */
#include "../harness/case.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>
#include <strings.h>

static void expect_file(win_pid daemon, const win_info *in, int which,
                        const char *name)
{
    static const char *names[3] = {"stdin", "stdout", "stderr"};
    const char *want = case_win_path(sandbox_path(name));
    const char *got = in->std[which].path;
    if (strncmp(got, "\\\\?\\", 4) == 0)
        got += 4;
    cr_expect(strcmp(in->std[which].type, "disk") == 0 && strcasecmp(got, want) == 0,
              "daemon %lu's %s is %s %s, expected the file %s", daemon,
              names[which], in->std[which].type, in->std[which].path, want);
}

DK_WIN_CASE(W8, W8_default_is_the_null_device)
{
    launch *l;
    win_pid daemon = case_run(NULL, &l);
    win_info in = case_win_info(daemon, NULL);
    cr_assert(in.have_params, "cannot read daemon %lu's parameters", daemon);
    for (int i = 0; i < 3; i++)
        cr_expect(strcmp(in.std[i].type, "char") == 0,
                  "daemon %lu's standard handle %d is %s %s, expected the "
                  "null device", daemon, i, in.std[i].type, in.std[i].path);
    const char *out = sandbox_read(l->out, NULL), *err = sandbox_read(l->err, NULL);
    cr_expect(!(out && strstr(out, "ready")) && !(err && strstr(err, "ready")),
              "the daemon's \"ready\" line reached the launcher's output");
}

DK_WIN_CASE(W8, W8_stdout_and_stderr_to_files)
{
    sandbox_require("stdout");
    sandbox_require("stderr");
    launch_spec spec = {.stdout_path = sandbox_path("out.log"), .stderr_path = sandbox_path("err.log")};
    win_pid daemon = case_run(&spec, NULL);
    win_info in = case_win_info(daemon, NULL);
    expect_file(daemon, &in, 1, "out.log");
    expect_file(daemon, &in, 2, "err.log");
    char line[64];
    snprintf(line, sizeof line, "ready %lu\n", daemon);
    const char *out = sandbox_read(sandbox_path("out.log"), NULL);
    const char *err = sandbox_read(sandbox_path("err.log"), NULL);
    cr_expect(out && strstr(out, line), "\"%.*s\" is not in stdout's file",
              (int)strlen(line) - 1, line);
    cr_expect(err && strstr(err, line), "\"%.*s\" is not in stderr's file",
              (int)strlen(line) - 1, line);
}

DK_WIN_CASE(W8, W8_stdin_from_file)
{
    sandbox_require("stdin");
    sandbox_file("in.txt", "input\n");
    launch_spec spec = {.stdin_path = sandbox_path("in.txt")};
    win_pid daemon = case_run(&spec, NULL);
    win_info in = case_win_info(daemon, NULL);
    expect_file(daemon, &in, 0, "in.txt");
}

/* Output is appended: what the file held stays, the new lines follow. */
DK_WIN_CASE(W8, W8_output_appended)
{
    sandbox_require("stdout");
    sandbox_file("out.log", "earlier line\n");
    launch_spec spec = {.stdout_path = sandbox_path("out.log")};
    win_pid daemon = case_run(&spec, NULL);
    char want[96];
    snprintf(want, sizeof want, "earlier line\nready %lu\n", daemon);
    const char *out = sandbox_read(sandbox_path("out.log"), NULL);
    cr_expect(out && strncmp(out, want, strlen(want)) == 0,
              "stdout's file holds \"%s\", expected \"%s\" first",
              out ? out : "(none)", want);
}
