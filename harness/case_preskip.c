/* case_preskip.c: skipping, in the runner, the cases whose skip is known
 * before they start.
 *
 * Criterion starts a worker for every case (a fork and an exec of dkcheck,
 * then several round trips with the runner), about 5 ms of a 2-core
 * machine's time even for a case whose .init skips at once: the 38 Windows
 * cases of a run on a Unix subject cost a fifth of its wall time. Their
 * reason depends only on the run's settings, which the runner has too, so
 * the runner asks case_skip_before_start() the same question the .init
 * asks, marks such a case disabled (Criterion then counts it skipped and
 * starts nothing), and gives it the same message after the run. */
#include "case_preskip.h"

#include "case.h"
#include "hook_line.h"

#include <criterion/hooks.h>
#include <stdlib.h>
#include <string.h>

typedef struct preskipped {
    const struct criterion_test *test;
    char *why;                  /* also handed to Criterion's stats */
} preskipped;

static preskipped *skipped;
static size_t n_skipped;

void case_preskip(struct criterion_test_set *set)
{
    free(skipped);
    skipped = calloc(set->tests ? set->tests : 1, sizeof *skipped);
    n_skipped = 0;
    if (skipped == NULL)
        return;                 /* every case then skips in its worker */
    FOREACH_SET(struct criterion_suite_set *s, set->suites) {
        if ((s->suite.data && s->suite.data->disabled) || s->tests == NULL)
            continue;
        FOREACH_SET(struct criterion_test *t, s->tests) {
            char buf[512];
            if (t->data->disabled || n_skipped == set->tests)
                continue;
            const char *why = case_skip_before_start(s->suite.name,
                                                     t->data->init, buf,
                                                     sizeof buf);
            char *copy = why ? strdup(why) : NULL;
            if (copy == NULL)
                continue;
            skipped[n_skipped++] = (preskipped){ .test = t, .why = copy };
            t->data->disabled = true;
        }
    }
}

/* After the run, before the reports: a disabled case has no message (that
 * is how the cases --filter left out look); ours get their reason. The
 * copy stays listed here as well, whoever frees it. */
DK_HOOK_LINE_FREE();
ReportHook(POST_ALL)(struct criterion_global_stats *stats)
{
    for (struct criterion_suite_stats *s = stats->suites; s; s = s->next)
        for (struct criterion_test_stats *t = s->tests; t; t = t->next)
            for (size_t i = 0; i < n_skipped; i++)
                if (skipped[i].test == t->test && t->message == NULL)
                    t->message = skipped[i].why;
}
