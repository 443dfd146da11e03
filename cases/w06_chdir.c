/* W6: Change the working directory. */
#include "../harness/case.h"

#include <stdio.h>
#include <stdlib.h>

#include <strings.h>

static void expect_cwd(win_pid daemon, const char *want)
{
    win_info in = case_win_info(daemon, NULL);
    cr_assert(in.have_params, "cannot read daemon %lu's parameters", daemon);
    char with_slash[PATH_MAX];
    snprintf(with_slash, sizeof with_slash, "%s\\", want);
    cr_expect(strcasecmp(in.cwd, want) == 0 || strcasecmp(in.cwd, with_slash) == 0,
              "daemon %lu's cwd is %s, expected %s", daemon, in.cwd, want);
}

DK_WIN_CASE(W6, W6_cwd_as_asked)
{
    sandbox_require("chdir");
    launch_spec spec = {.chdir = sandbox_mkdir("elsewhere")};
    expect_cwd(case_run(&spec, NULL), case_win_path(sandbox_path("elsewhere")));
}

/* Daemoniker's default: the launcher's cwd (dkcheck starts it in launch/). */
DK_WIN_CASE(W6, W6_cwd_default_is_the_launchers)
{
    expect_cwd(case_run(NULL, NULL), case_win_path(sandbox_path("launch")));
}
