/* H2 on Windows: a stale PID file (its PID no process holds) is reclaimed
 * safely or refused with a message naming the stale PID, and a refusal
 * leaves it as it was. */
#include "../harness/case.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char *stale_pidfile(win_pid *stale)
{
    *stale = case_win_dead_pid();
    return sandbox_file("daemon.pid", sandbox_printf("%lu\n", *stale));
}

DK_WIN_CASE(H2, H2_win_stale_pidfile_reclaimed_or_named)
{
    win_pid stale;
    const char *pidfile = stale_pidfile(&stale);
    launch *l = case_start(NULL);
    int code = case_wait_launcher(l);
    if (code == 0) {
        win_pid daemon = case_daemon(l);
        win_pid named = case_pidfile_pid(pidfile);
        win_info in = named ? case_win_info(named, NULL) : (win_info){0};
        cr_expect(named == daemon || (in.alive && in.ppid == daemon),
                  "reclaimed the stale PID file but it names %lu, neither "
                  "daemon %lu nor its sentinel", named, daemon);
        return;
    }
    const char *why = case_launcher_error(l);
    cr_expect(strstr(why, sandbox_printf("%lu", stale)) != NULL,
              "refused a stale PID file (exit %d) without naming its stale "
              "PID %lu: \"%s\"", code, stale, why);
}

DK_WIN_CASE(H2, H2_win_stale_pidfile_refused_left_as_found)
{
    win_pid stale;
    const char *pidfile = stale_pidfile(&stale);
    const char *content = sandbox_printf("%lu\n", stale);
    launch *l = case_start(NULL);
    if (case_wait_launcher(l) == 0)
        cr_skip_test("the subject reclaims a stale PID file (H2 allows it); "
                     "nothing refused to leave as found");
    const char *after = sandbox_read(pidfile, NULL);
    cr_expect(after && strcmp(after, content) == 0,
              "refused, but changed the stale %s to \"%s\"", pidfile,
              after ? after : "(removed)");
    const char *why = NULL;
    cr_expect(case_count_left(0, CASE_DEADLINE, "the end of every process "
                              "after the refusal", &why),
              "refused a stale PID file, but %zu processes of the subject "
              "are alive: %s", case_count_living(), why);
}
