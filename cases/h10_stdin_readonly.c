/* H10: standard input opened read-only. Daemoniker (U7) and daemon(7)
 * (D9) say where stdin goes, not how: a stdin open for writing lets a
 * daemon write into what it was given to read (a --stdin file, or, by a
 * mistaken write to fd 0, whatever stands there), so read-only is a
 * hardening of its own. */
#include "../harness/case.h"

#include <fcntl.h>

/* Where stdin goes is U7's (and D9's) to judge, not H10's: H10 judges the
 * mode of whatever fd 0 is, and names it when it is not what U7 expects
 * (a FAIL here for a stdin left elsewhere would count U7's failure twice).
 * A closed fd 0 has no mode to judge. */
static void expect_stdin_readonly(pid_t daemon, const char *path)
{
    obs_fd seen;
    bool expected = case_fd_is(daemon, 0, path, &seen);
    if (seen.target[0] == '\0')
        cr_skip_test("fd 0 of daemon %d is closed (or unseen): no mode to "
                     "judge (U7 judges where stdin goes)", (int)daemon);
    const char *where = expected ? path : seen.target;
    cr_expect((seen.flags & O_ACCMODE) == O_RDONLY,
              "expected fd 0 (stdin) of daemon %d, on %s%s, read-only; its "
              "flags are %#o (%s)", (int)daemon, where,
              expected ? "" : " (not where U7 expects it)",
              (unsigned)seen.flags,
              (seen.flags & O_ACCMODE) == O_RDWR ? "read-write"
                                                 : "write-only");
}

DK_CASE(H10, H10_default_stdin_readonly)
{
    expect_stdin_readonly(case_run(NULL, NULL), "/dev/null");
}

DK_CASE(H10, H10_stdin_file_readonly)
{
    sandbox_require("stdin");
    const char *in = sandbox_file("in.txt", "input\n");
    launch_spec spec = {.stdin_path = in};
    expect_stdin_readonly(case_run(&spec, NULL), in);
}
