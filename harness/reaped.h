/* reaped.h: internal to the harness backends (wait_linux.c owns the table).
 *
 * Every waitpid that reaps a child goes through dk__record_reaped, so
 * dk_reaped_status can still answer after someone else's reap loop (teardown,
 * dk_reap_exited) took the status first.
 */
#ifndef DKCHECK_REAPED_H
#define DKCHECK_REAPED_H

#include <stdbool.h>
#include <sys/types.h>

void dk__record_reaped(pid_t pid, int status);

/* Reap every child that has exited, recording each; true while we still
 * have children (errno is left as waitpid set it). */
bool dk__reap_children(void);

#endif
