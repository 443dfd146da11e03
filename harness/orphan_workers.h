/* orphan_workers.h: the Criterion workers a killed runner leaves behind.
 *
 * Criterion's runner forks a worker (through BoxFort) for each case. A
 * runner killed while it is starting one can leave that worker behind,
 * reparented to init, in a session of its own; one was seen stopped (state
 * T) for good, where no signal but SIGKILL reaches it. It was forked, not
 * exec'd, so its environment, as the kernel shows it, lacks the run's token
 * that the reaper looks for. What does tell it apart is the runner's arena,
 * /dev/shm/bxf_arena_<runner PID>, which every worker holds open.
 */
#ifndef DKCHECK_ORPHAN_WORKERS_H
#define DKCHECK_ORPHAN_WORKERS_H

#include <stddef.h>
#include <sys/types.h>

/* SIGKILL every process of our euid that holds runner's arena open, unless
 * its parent is a live process now wearing runner's PID but not its start
 * time (a later runner of another run, whose arena has the same name).
 * runner_start is the dead runner's start time (obs__start_time). Returns
 * how many were killed. */
size_t dk_kill_orphan_workers(pid_t runner, unsigned long long runner_start);

#endif
