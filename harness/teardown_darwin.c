/* teardown_darwin.c: the subreaper of teardown.h on macOS, which has none
 * (nothing like Linux's PR_SET_CHILD_SUBREAPER or FreeBSD's
 * PROC_REAP_ACQUIRE): a process its parent orphans goes to launchd, not to
 * us. So dk_become_subreaper fails with ENOSYS, and dk_kill_descendants
 * (teardown_kill.c) reaches only what is still below us. */
#include "teardown.h"

#include <errno.h>

int dk_become_subreaper(void)
{
    errno = ENOSYS;
    return -1;
}
