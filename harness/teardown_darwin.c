/* teardown_darwin.c: teardown.h's killing on macOS (removing is
 * teardown_tree.c).
 *
 * macOS has no child subreaper (nothing like Linux's
 * PR_SET_CHILD_SUBREAPER or FreeBSD's PROC_REAP_ACQUIRE): a process its
 * parent orphans goes to launchd, not to us. So dk_become_subreaper fails
 * with ENOSYS, and dk_kill_descendants reaches only what is still below us
 * in the process tree; a daemon that has double-forked is out of its reach
 * (the run marker's DKCHECK_RUNDIR is then what finds it; see
 * isolate_darwin.c). Signals go by pid: macOS has no pidfd, so a pid
 * recycled between listing and killing could be hit; the window is one
 * pass, and only our own descendants are listed.
 */
#include "teardown.h"

#include "observe.h"
#include "reaped.h"
#include "wait.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/wait.h>
#include <unistd.h>

enum {
    MAX_PASSES = 10000,   /* a fork bomb cannot keep us here for ever */
    BATCH = 256,
};

int dk_become_subreaper(void)
{
    errno = ENOSYS;
    return -1;
}

/* Reap what has exited; true while we still have children. */
static bool have_children(void)
{
    int st;
    pid_t r;

    while ((r = waitpid(-1, &st, WNOHANG)) > 0 || (r < 0 && errno == EINTR))
        if (r > 0)
            dk__record_reaped(r, st);
    return !(r < 0 && errno == ECHILD);
}

size_t dk_kill_descendants(void)
{
    pid_t self = getpid();
    size_t killed = 0;

    for (int pass = 0; pass < MAX_PASSES; pass++) {
        pid_t live[BATCH];
        bool sent[BATCH];
        size_t nlive = obs_descendants(self, live, BATCH);
        /* Bounds the wait for a process that will not die; the next pass
         * tries again. */
        dk_deadline d = dk_deadline_in(1.0);

        if (nlive == 0 && !have_children())
            break;
        for (size_t i = 0; i < nlive; i++)
            sent[i] = kill(live[i], SIGKILL) == 0;
        /* They die in parallel: waiting for each in turn costs about the
         * slowest one. One that outlives the deadline is counted on the
         * pass that sees it gone. */
        for (size_t i = 0; i < nlive; i++)
            if (sent[i] && dk_wait_gone(live[i], NULL, NULL, d))
                killed++;
        dk_reap_exited();
    }
    return killed;
}
