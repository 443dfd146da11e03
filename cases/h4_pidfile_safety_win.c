/* H4 on Windows: the PID file is not followed through a symlink (under
 * Wine, a symlink of the Linux file system is what the program meets).
 * H4's other half, "not group- or world-writable", speaks of Unix modes;
 * Windows has ACLs instead, which Wine does not map: no case here. */
#include "../harness/case.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

DK_WIN_CASE(H4, H4_win_dangling_symlink_not_followed)
{
    sandbox_require("pidfile");
    const char *planted = sandbox_path("planted");
    if (symlink(planted, sandbox_path("daemon.pid")) < 0)
        cr_assert_fail("BROKEN: symlink: %s", strerror(errno));
    launch *l = case_start(NULL);
    int code = case_wait_launcher(l);
    cr_expect(access(planted, F_OK) != 0, "the launcher (exit %d) created "
              "%s, where the PID file's symlink pointed", code, planted);
}

DK_WIN_CASE(H4, H4_win_symlink_target_untouched)
{
    sandbox_require("pidfile");
    const char *victim = sandbox_file("someone-elses", "precious\n");
    if (symlink(victim, sandbox_path("daemon.pid")) < 0)
        cr_assert_fail("BROKEN: symlink: %s", strerror(errno));
    launch *l = case_start(NULL);
    int code = case_wait_launcher(l);
    const char *text = sandbox_read(victim, NULL);
    cr_expect(text && strcmp(text, "precious\n") == 0, "the launcher (exit "
              "%d) changed the symlink's target %s to \"%s\"", code, victim,
              text ? text : "(removed)");
}
