/* U6: Close file descriptors (except shielded ones). The launcher inherits
 * fds 3, 4, 5 and 1000, each open on its own SANDBOX/inherited-N.
 * daemon(7)'s item 1 (D1) asks the same of every descriptor but stdio. */
#include "../harness/case.h"
#include "../harness/output_holders.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void expect_closed(pid_t daemon, int fd)
{
    char name[32];
    snprintf(name, sizeof name, "inherited-%d", fd);
    obs_fd seen;
    cr_expect(!case_fd_is(daemon, fd, sandbox_path(name), &seen),
              "fd %d still open in daemon %d -> %s", fd, (int)daemon,
              seen.target);
}

DK_CASE(U6, U6_low_fds_closed)
{
    pid_t daemon = case_run(NULL, NULL);
    expect_closed(daemon, CASE_INHERITED_LOW_A);
    expect_closed(daemon, CASE_INHERITED_LOW_B);
    expect_closed(daemon, CASE_INHERITED_SHIELD);
}

DK_CASE_BOTH(U6, U6_fd_1000_closed, D1, D1_fd_1000_closed)
{
    expect_closed(case_run(NULL, NULL), CASE_INHERITED_HIGH);
}

DK_CASE(U6, U6_shielded_fd_kept)
{
    sandbox_require("shield");
    launch_spec spec = {.shield = {CASE_INHERITED_SHIELD}, .n_shield = 1};
    pid_t daemon = case_run(&spec, NULL);
    obs_fd seen;
    cr_expect(case_fd_is(daemon, CASE_INHERITED_SHIELD,
                         sandbox_path("inherited-5"), &seen),
              "expected shielded fd 5 open in daemon %d on %s; it is "
              "\"%s\"",
              (int)daemon, sandbox_path("inherited-5"),
              seen.target[0] ? seen.target : "closed");
    expect_closed(daemon, CASE_INHERITED_LOW_A);
}

/* Pipes, sockets and anonymous inodes (eventfd, signalfd) name no file:
 * they are the implementation's own plumbing (the reference's signal pipe)
 * or gone with their creator, never a path the launcher left open. A pipe
 * that is the launcher's stdout or stderr is not the daemon's own: it is
 * the caller's (output_pipe_of). */
static bool anonymous(const char *target)
{
    return strncmp(target, "pipe:", 5) == 0 ||
           strncmp(target, "socket:", 7) == 0 ||
           strncmp(target, "anon_inode:", 11) == 0;
}

/* Every descriptor, however many: a file kept at fd 600 above hundreds of
 * the daemon's own pipes is still one. */
DK_CASE_BOTH(U6, U6_no_other_file_open, D1, D1_no_other_file_open)
{
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    size_t n;
    obs_fd *fds = obs_list_all_fds(daemon, &n);
    cr_assert(fds != NULL, "cannot list the fds of daemon %d", (int)daemon);
    for (size_t i = 0; i < n; i++) {
        const char *caller = output_pipe_of(l, &fds[i]);
        if (fds[i].fd > 2 && caller != NULL)
            cr_expect_fail("expected no descriptor of the launcher's open in "
                           "daemon %d but stdio; fd %d is the launcher's %s "
                           "(%s), the caller's pipe, not the daemon's own",
                           (int)daemon, fds[i].fd, caller, fds[i].target);
        if (fds[i].fd <= 2 || anonymous(fds[i].target) ||
            case_fd_is(daemon, fds[i].fd, l->pidfile, NULL))
            continue;
        cr_expect_fail("expected no file open in daemon %d but stdio and "
                       "the PID file; fd %d -> %s",
                       (int)daemon, fds[i].fd, fds[i].target);
    }
    free(fds);
}

/* `out=$(launcher ...)` returns: once the launcher has exited and its
 * daemon is ready, no descriptor above stdio of any process of the
 * subject holds the launcher's stdout or stderr (Daemoniker's U6 closes
 * every one but the shielded). Those at 0-2 are U7's. */
DK_CASE(U6, U6_launcher_output_reaches_eof)
{
    launch *l;
    case_run(NULL, &l);
    output_expect_eof(l, 3, INT_MAX);
}
