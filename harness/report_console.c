/* report_console.c: Criterion's own console output (standard error), off
 * unless asked for (-v): dkcheck's verdicts say what a run found, and a
 * run with failures would otherwise bury them under hundreds of
 * "[----]" lines. When it is on, a case that could not be judged is shown
 * as [BROKEN], as the verdicts show it, not as Criterion's [FAIL]. */
#include "report.h"

#include <criterion/logging.h>
#include <criterion/options.h>
#include <string.h>

static struct criterion_logger console;
static void (*criterion_post_test)(struct criterion_test_stats *);

static void post_test(struct criterion_test_stats *t)
{
    char why[1024];
    dk_report_reason(t, why, sizeof why);
    if (dk_report_verdict(t, why) != DK_BROKEN) {
        criterion_post_test(t);
        return;
    }
    if (criterion_options.logging_threshold <= CRITERION_IMPORTANT)
        fprintf(stderr, "[BROKEN] %s::%s: (%3.2fs)\n", t->test->category,
                t->test->name, (double)t->elapsed_time);
}

void dk_report_console(int verbosity)
{
    if (verbosity < 0) {
        criterion_options.logging_threshold = CRITERION_LOG_LEVEL_QUIET;
        return;
    }
    criterion_options.logging_threshold =
        verbosity == 0 ? CRITERION_IMPORTANT : (enum criterion_logging_level)verbosity;
    /* Criterion's logger, with its end-of-case line ours; no symbol of
     * Criterion's logger is named (its shared library exports none). */
    if (criterion_options.logger == NULL || criterion_options.logger->log_post_test == NULL)
        return;
    console = *criterion_options.logger;
    criterion_post_test = console.log_post_test;
    console.log_post_test = post_test;
    criterion_options.logger = &console;
}
