/* case_preskip.h: the cases that would skip the moment they start (the
 * other profile's, the other OS's, Windows cases where Wine cannot run),
 * skipped by the runner without starting a worker for them. */
#ifndef DKCHECK_CASE_PRESKIP_H
#define DKCHECK_CASE_PRESKIP_H

#include <criterion/criterion.h>

/* Before the run, once Criterion has applied --filter: turn every selected
 * case that case_skip_before_start() names a reason for into a disabled
 * one. Its reason becomes its skip message after the run, before any
 * report is written, so reports read as if the case had skipped itself. */
void case_preskip(struct criterion_test_set *set);

#endif
