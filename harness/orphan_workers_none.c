/* orphan_workers_none.c: orphan_workers.h where no /proc lists a process's
 * open files (macOS, FreeBSD): a killed run's workers there are ended by
 * the run's guard (run_guard.h) or not at all. */
#include "orphan_workers.h"

size_t dk_kill_orphan_workers(pid_t runner, unsigned long long runner_start)
{
    (void)runner;
    (void)runner_start;
    return 0;
}
