/* run_guard.h: a run without a PID namespace ends as cleanly as one in it.
 *
 * In a namespace (isolate.h) the process outside waits for the runner and
 * turns SIGINT, SIGTERM and SIGHUP into the end of everything and exit
 * status 128+N. Without one, dk_guard_run does the same: the caller stays
 * outside as a child subreaper, the runner goes on in a child; on one of
 * those signals the runner is killed, whatever it left (its orphans come
 * to the subreaper) is killed too, the run directory and Criterion's
 * socket are removed, and the exit status is 128+N. */
#ifndef DKCHECK_RUN_GUARD_H
#define DKCHECK_RUN_GUARD_H

/* Returns 0 in the runner; the caller's process never returns (it exits
 * with the runner's status, or 128+N). -1 with errno if it cannot fork:
 * then the run goes on unguarded. */
int dk_guard_run(void);

/* The file in the run directory naming the runner's PID. */
#define DK_RUNNER_FILE "runner"

#endif
