/* U1: Create the PID file, failing if it already exists. */
#include "../harness/case.h"
#include "../harness/trace_case.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

DK_CASE(U1, U1_second_launch_fails)
{
    launch *first;
    pid_t daemon = case_run(NULL, &first);
    launch *second = case_start(NULL);
    int code = case_wait_launcher(second);
    cr_expect(code != 0,
              "expected a second launch on %s to fail while daemon %d "
              "runs; it exited 0",
              first->pidfile, (int)daemon);
}

DK_CASE_BOTH(U1, U1_second_launch_starts_no_daemon, D12, D12_second_launch_starts_no_daemon)
{
    pid_t daemon = case_run(NULL, NULL);
    launch *second = case_start(NULL);
    case_wait_launcher(second);
    const char *why = NULL;
    cr_expect(case_only_left(&daemon, 1, CASE_DEADLINE, "the end of the "
                             "second launch's processes", &why),
              "expected only daemon %d alive after a second launch; "
              "living: [%s]: %s",
              (int)daemon, case_describe_living(), why);
}

DK_CASE(U1, U1_second_launch_leaves_pidfile_and_daemon)
{
    launch *first;
    pid_t daemon = case_run(NULL, &first);
    const char *before = sandbox_read(first->pidfile, NULL);
    launch *second = case_start(NULL);
    case_wait_launcher(second);
    /* The second launch is over only when its processes are: a careless
     * implementation's second daemon writes the PID file after its launcher
     * has exited. */
    const char *why = NULL;
    bool settled = case_only_left(&daemon, 1, CASE_DEADLINE, "the end of "
                                  "the second launch's processes", &why);
    const char *after = sandbox_read(first->pidfile, NULL);
    cr_expect(before && after && strcmp(before, after) == 0,
              "expected %s to keep \"%s\" after a second launch; it holds "
              "\"%s\"",
              first->pidfile, before ? before : "(none)",
              after ? after : "(none)");
    cr_expect(obs_alive(daemon),
              "expected daemon %d to survive a second launch; it is gone",
              (int)daemon);
    cr_expect(settled, "the second launch left processes beside daemon "
              "%d: [%s]: %s", (int)daemon, case_describe_living(), why);
}

DK_CASE(U1, U1_existing_pidfile_refused)
{
    case_precondition_daemon();
    /* A PID file naming a live process (this case itself). */
    char content[32];
    snprintf(content, sizeof content, "%d\n", (int)getpid());
    const char *pidfile = sandbox_file("daemon.pid", content);
    case_observe_calls();
    launch *l = case_start(NULL);
    int code = case_wait_launcher(l);
    cr_expect(code != 0,
              "expected a launch over existing %s (\"%d\") to fail; it "
              "exited 0%s",
              pidfile, (int)getpid(), case_calls_on(pidfile));
    const char *why = NULL;
    cr_expect(case_only_left(NULL, 0, CASE_DEADLINE, "the end of every "
                             "process after the refusal", &why),
              "expected no daemon after a refused launch; living: [%s]: %s",
              case_describe_living(), why);
    const char *after = sandbox_read(pidfile, NULL);
    cr_expect(after && strcmp(after, content) == 0,
              "expected the existing %s untouched (\"%d\"); it holds "
              "\"%s\"%s",
              pidfile, (int)getpid(), after ? after : "(removed)",
              case_calls_on(pidfile));
}
