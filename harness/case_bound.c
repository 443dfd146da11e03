/* case_bound.c: Criterion's per-case bound.
 *
 * A fixed bound (it was 120 s) sat below what the deadlines inside a case
 * add up to on a loaded machine: each grows with the load and the run's
 * calibration launch (deadline.c), one CASE_DEADLINE to 70 s for a Wine
 * subject, so a case that waited for two of them in turn was ended by
 * Criterion, BROKEN, before its own deadline could speak. The bound is
 * set once, in the runner, from the longest a case deadline can become in
 * this run (the load may rise after the start): it only ends a case that
 * hangs beyond every deadline, which is a harness bug. */
#include "case_bound.h"

#include "case.h"
#include "wait.h"

double case_bound_seconds(void)
{
    return CASE_BOUND_DEADLINES * dk_deadline_longest(CASE_DEADLINE);
}

void case_bound(struct criterion_test_set *set)
{
    double bound = case_bound_seconds();
    FOREACH_SET(struct criterion_suite_set *s, set->suites) {
        if (s->tests == NULL)
            continue;
        FOREACH_SET(struct criterion_test *t, s->tests)
            if (!(t->data->timeout > 0))
                t->data->timeout = bound;
    }
}
