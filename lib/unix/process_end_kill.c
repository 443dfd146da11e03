/* process_end_kill.c: the portable way to end a process that is not our
 * child: SIGKILL, then kill(pid, 0) until it fails. A zombie not yet reaped
 * by its parent still answers, so this may wait out the bound; it is the
 * fallback where the OS has no pidfd. */
#include "steps.h"

#include <errno.h>
#include <signal.h>
#include <time.h>

void dk__process_end_by_kill(long pid, double seconds)
{
    if (kill((pid_t)pid, SIGKILL) < 0)
        return;
    struct timespec nap = {0, 1000000}; /* 1 ms, doubling to 64 ms */
    for (double waited = 0; waited < seconds && kill((pid_t)pid, 0) == 0;) {
        nanosleep(&nap, NULL);
        waited += (double)nap.tv_nsec / 1e9;
        if (nap.tv_nsec < 64000000)
            nap.tv_nsec *= 2;
    }
}
