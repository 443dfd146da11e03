/* teardown_freebsd.c: the subreaper of teardown.h on FreeBSD:
 * procctl(PROC_REAP_ACQUIRE) makes us the reaper of every descendant, so a
 * daemon that double-forks stays below us and dk_kill_descendants
 * (teardown_kill.c) reaches it. Written against procctl(2) and not
 * compiled here (no FreeBSD toolchain on the machine that wrote it). */
#include "teardown.h"

#include <sys/procctl.h>
#include <unistd.h>

int dk_become_subreaper(void)
{
    return procctl(P_PID, getpid(), PROC_REAP_ACQUIRE, NULL);
}
