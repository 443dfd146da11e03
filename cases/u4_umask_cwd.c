/* U4: Reset the umask and change the working directory. The launcher runs
 * with umask 0 in SANDBOX/launch, so neither default can be inherited by
 * accident.
 *
 * The daemon7 profile's D10 and D11 are the same checks with daemon(7)'s
 * values: umask 0 (its launcher has 022) and cwd /. */
#include "../harness/case.h"
#include "../harness/trace_case.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void expect_umask(pid_t daemon, int want, const char *how)
{
    obs_status st = case_status(daemon);
    if (st.umask < 0)
        cr_skip_test("this kernel does not show a process's umask");
    cr_expect(st.umask == want,
              "expected daemon %d umask %04o (%s); it has %04o "
              "(launcher had %04o)%s",
              (int)daemon, want, how, st.umask, case_launcher_umask(),
              case_call_order());
}

static void expect_cwd(pid_t daemon, const char *dir, const char *how)
{
    char want[PATH_MAX], got[PATH_MAX];
    if (realpath(dir, want) == NULL)
        case_broken("realpath %s", dir);
    cr_assert(obs_read_cwd(daemon, got, sizeof got) == 0,
              "cannot read the cwd of daemon %d", (int)daemon);
    cr_expect(strcmp(got, want) == 0,
              "expected daemon %d cwd %s (%s); it is %s%s", (int)daemon,
              want, how, got, case_call_order());
}

DK_CASE(U4, U4_umask_requested)
{
    sandbox_require("umask");
    launch_spec spec = {.umask = "0077"};
    case_observe_calls();
    expect_umask(case_run(&spec, NULL), 0077, "--umask 0077");
}

DK_CASE(U4, U4_umask_default_027)
{
    case_observe_calls();
    expect_umask(case_run(NULL, NULL), 027, "Daemoniker's default");
}

DK_CASE(U4, U4_chdir_requested)
{
    sandbox_require("chdir");
    const char *dir = sandbox_path("elsewhere");
    mkdir(dir, 0755);
    launch_spec spec = {.chdir = dir};
    case_observe_calls();
    expect_cwd(case_run(&spec, NULL), dir, "--chdir");
}

DK_CASE(U4, U4_cwd_default_launcher_cwd)
{
    case_observe_calls();
    expect_cwd(case_run(NULL, NULL), sandbox_path("launch"),
               "Daemoniker's default: the launcher's cwd");
}

DK_CASE(D10, D10_umask_zero)
{
    case_observe_calls();
    expect_umask(case_run(NULL, NULL), 0, "daemon(7): umask 0");
}

DK_CASE(D11, D11_cwd_root)
{
    case_observe_calls();
    expect_cwd(case_run(NULL, NULL), "/", "daemon(7): the root directory");
}
