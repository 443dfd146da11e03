/* criterion_names.h: the names Criterion and BoxFort take in shared
 * places, /tmp/criterion_<PID>.sock and /dev/shm/bxf_arena_<PID> (PID the
 * runner's). In a namespace the run has a /tmp and /dev/shm of its own
 * (isolate_linux.c); without one, another user can take the names first,
 * and Criterion would abort on them. */
#ifndef DKCHECK_CRITERION_NAMES_H
#define DKCHECK_CRITERION_NAMES_H

#include <stddef.h>
#include <sys/types.h>

/* Make sure runner's names are free: one of ours (a killed run's, which
 * had this PID) is removed; one that is not ours is a squat: -1, and a
 * one-line reason naming it in why. */
int dk_criterion_names_free(pid_t runner, char *why, size_t size);

/* Until the end: an abort inside Criterion (a name squatted after the
 * check) ends dkcheck with one line and status 2, not 134. */
void dk_criterion_abort_is_refusal(pid_t runner);

#endif
