/* H4: the PID file is not followed through a symlink and is not group- or
 * world-writable (the launcher's umask is 0). The symlink cases run for a
 * Windows subject too (under Wine, a symlink of the Linux file system is
 * what the program meets); the mode bits have no Windows meaning (Windows
 * has access lists, which Wine does not map). */
#include "../harness/case.h"
#include "../harness/trace_case.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

DK_ANY_CASE(H4, H4_symlink_not_followed)
{
    case_precondition_daemon();
    const char *victim = sandbox_file("victim", "precious\n");
    const char *pidfile = sandbox_path("daemon.pid");
    if (symlink(victim, pidfile) < 0)
        case_broken("symlink");
    case_observe_calls();
    /* A daemon may write its PID file after the launcher exits. */
    case_settle(case_start(NULL));
    const char *after = sandbox_read(victim, NULL);
    cr_expect(after && strcmp(after, "precious\n") == 0,
              "the PID file %s was followed through its symlink: %s now "
              "holds \"%s\"%s", pidfile, victim, after ? after : "(removed)",
              case_calls_on(pidfile));
}

DK_ANY_CASE(H4, H4_dangling_symlink_not_followed)
{
    case_precondition_daemon();
    const char *target = sandbox_path("planted");
    const char *pidfile = sandbox_path("daemon.pid");
    if (symlink(target, pidfile) < 0)
        case_broken("symlink");
    case_observe_calls();
    /* A daemon may write its PID file after the launcher exits. */
    case_settle(case_start(NULL));
    cr_expect(access(target, F_OK) != 0,
              "the PID file %s was followed through a dangling symlink: "
              "%s was created%s", pidfile, target, case_calls_on(pidfile));
}

DK_CASE(H4, H4_pidfile_not_group_or_world_writable)
{
    launch *l;
    case_observe_calls();
    case_run(NULL, &l);
    struct stat st;
    cr_assert(lstat(l->pidfile, &st) == 0, "%s is missing", l->pidfile);
    cr_expect(S_ISREG(st.st_mode), "%s is not a regular file", l->pidfile);
    cr_expect((st.st_mode & 022) == 0,
              "expected %s not group/world-writable (launcher umask 0); "
              "mode %04o%s", l->pidfile, (unsigned)(st.st_mode & 07777),
              case_calls_on(l->pidfile));
}
