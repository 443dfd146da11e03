/* teardown_kill.c: dk_kill_descendants where there is no pidfd (macOS,
 * FreeBSD): our descendants, listed from the process table
 * (observe_tree.c), are signalled by pid. A pid recycled between listing
 * and killing could be hit; the window is one pass, and only our own
 * descendants are listed. What has left our process tree (a daemon that
 * double-forked, where no subreaper holds it) is out of reach here: the
 * run marker (run_marker.c) is what finds it. */
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

        if (nlive == 0 && !dk__reap_children())
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
