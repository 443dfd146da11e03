/* case_bound.h: Criterion's per-case bound, the backstop behind every
 * deadline a case waits for, scaled as those deadlines are. */
#ifndef DKCHECK_CASE_BOUND_H
#define DKCHECK_CASE_BOUND_H

#include <criterion/criterion.h>

/* How many of the longest case deadlines (CASE_DEADLINE at the highest
 * load the rule counts) a case may wait in all before Criterion ends it;
 * a case waits for a few in turn at most. */
#define CASE_BOUND_DEADLINES 12

/* The bound, in seconds, for this run. */
double case_bound_seconds(void);

/* Before the run: every selected case that names no bound of its own
 * gets case_bound_seconds(). */
void case_bound(struct criterion_test_set *set);

#endif
