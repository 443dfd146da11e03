/* H7: descriptors are closed however high the limit. The launcher raises
 * its soft RLIMIT_NOFILE to the hard limit (1<<20 at most; 20000 on the
 * machines this was written on, which cannot raise it) and inherits an fd
 * one below it. */
#include "../harness/case.h"

#include <stdio.h>

DK_CASE(H7, H7_fd_near_raised_limit_closed)
{
    launch *l;
    launch_spec spec = {.raise_nofile = true};
    pid_t daemon = case_run(&spec, &l);
    char name[32];
    snprintf(name, sizeof name, "inherited-%d", l->high_fd);
    obs_fd seen;
    cr_expect(!case_fd_is(daemon, l->high_fd, sandbox_path(name), &seen),
              "fd %d (limit %d) still open in daemon %d -> %s",
              l->high_fd, l->high_fd + 1, (int)daemon, seen.target);
}
