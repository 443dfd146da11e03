/* H10: standard input opened read-only. Daemoniker (U7) and daemon(7)
 * (D9) say where stdin goes, not how: a stdin open for writing lets a
 * daemon write into what it was given to read (a --stdin file, or, by a
 * mistaken write to fd 0, whatever stands there), so read-only is a
 * hardening of its own. */
#include "../harness/case.h"

#include <fcntl.h>

static void expect_stdin_readonly(pid_t daemon, const char *path)
{
    obs_fd seen;
    cr_assert(case_fd_is(daemon, 0, path, &seen),
              "expected fd 0 of daemon %d on %s; it is \"%s\" (U7's to "
              "judge: H10 judges its mode)", (int)daemon, path,
              seen.target[0] ? seen.target : "closed");
    cr_expect((seen.flags & O_ACCMODE) == O_RDONLY,
              "expected fd 0 (stdin) of daemon %d on %s read-only; its "
              "flags are %#o (%s)", (int)daemon, path, (unsigned)seen.flags,
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
