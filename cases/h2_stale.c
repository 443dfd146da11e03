/* H2: a stale PID file (its PID dead, no lock held) is reclaimed safely or
 * refused with a message naming the stale PID. */
#include "../harness/case.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

DK_CASE(H2, H2_stale_pidfile_reclaimed_or_named)
{
    char content[32];
    pid_t stale = case_dead_pid();
    snprintf(content, sizeof content, "%d\n", (int)stale);
    const char *pidfile = sandbox_file("daemon.pid", content);
    launch *l = case_start(NULL);
    int code = case_wait_launcher(l);
    if (code == 0) {
        pid_t daemon = case_daemon(l);
        const char *text = sandbox_read(pidfile, NULL);
        cr_expect(text && atol(text) == daemon,
                  "reclaimed the stale PID file but %s holds \"%s\", not "
                  "daemon %d", pidfile, text ? text : "", (int)daemon);
        return;
    }
    const char *why = case_launcher_error(l);
    char number[16];
    snprintf(number, sizeof number, "%d", (int)stale);
    cr_expect(strstr(why, number) != NULL,
              "refused a stale PID file (exit %d) without naming its "
              "stale PID %d: \"%s\"", code, (int)stale, why);
    const char *after = sandbox_read(pidfile, NULL);
    cr_expect(after && strcmp(after, content) == 0,
              "refused, but changed the stale %s to \"%s\"", pidfile,
              after ? after : "(removed)");
}
