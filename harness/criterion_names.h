/* criterion_names.h: the names Criterion and BoxFort take in shared
 * places, /tmp/criterion_<PID>.sock and /dev/shm/bxf_arena_<PID> (PID the
 * runner's). In a namespace the run has a /dev/shm of its own and a
 * runner PID nobody can foresee (isolate_linux.c); without one, another
 * user can take the names first, and Criterion would abort on them. */
#ifndef DKCHECK_CRITERION_NAMES_H
#define DKCHECK_CRITERION_NAMES_H

#include <stddef.h>
#include <sys/types.h>

/* Make sure runner's names are free: one of ours that nobody listens on
 * (a killed run's, which had this PID) is removed; one that is not ours,
 * or a live run's, is taken: -1, and a one-line reason naming it in why. */
int dk_criterion_names_free(pid_t runner, char *why, size_t size);

/* Remove /tmp/criterion_<runner>.sock if it is a socket of ours that no
 * process listens on (the runner died before removing it). */
void dk_criterion_socket_remove(pid_t runner);

/* Until the end: an abort inside Criterion (a name squatted after the
 * check) ends dkcheck with one line and status 2, not 134. */
void dk_criterion_abort_is_refusal(pid_t runner);

#endif
