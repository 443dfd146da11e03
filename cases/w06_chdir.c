/* W6: Change the working directory. */
#include "../harness/case_win.h"

#include <stdio.h>
#include <stdlib.h>

#include <strings.h>
#include <sys/stat.h>

static void expect_cwd(win_pid daemon, const char *want)
{
    win_info in = win_case_info(daemon, NULL);
    cr_assert(in.have_params, "cannot read daemon %lu's parameters", daemon);
    char with_slash[PATH_MAX];
    snprintf(with_slash, sizeof with_slash, "%s\\", want);
    cr_expect(strcasecmp(in.cwd, want) == 0 || strcasecmp(in.cwd, with_slash) == 0,
              "daemon %lu's cwd is %s, expected %s", daemon, in.cwd, want);
}

DK_WIN_CASE(W6, W6_cwd_as_asked)
{
    sandbox_require("chdir");
    mkdir(sandbox_path("elsewhere"), 0755);
    win_spec spec = {.chdir = "elsewhere"};
    expect_cwd(win_case_run(&spec, NULL), win_case_winpath("elsewhere"));
}

/* Daemoniker's default: the launcher's cwd (dkcheck starts it in launch/). */
DK_WIN_CASE(W6, W6_cwd_default_is_the_launchers)
{
    expect_cwd(win_case_run(NULL, NULL), win_case_winpath("launch"));
}
