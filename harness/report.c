#include "report.h"

#include "case_bound.h"
#include "case_preskip.h"
#include "hook_line.h"
#include "load.h"
#include "sandbox.h"
#include "steps.h"

#include <criterion/criterion.h>
#include <criterion/hooks.h>
#include <criterion/options.h>
#include <criterion/output.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Criterion reports the cases --filter left out as skipped with no reason;
 * every skip of ours gives one, so those are not verdicts. */
static bool left_out(const struct criterion_test_stats *t)
{
    return t->test_status == CR_STATUS_SKIPPED &&
           (t->message == NULL || t->message[0] == '\0');
}

/* LTP's lesson: a set-up that broke (our fault) is not a subject that
 * failed. Cases end BROKEN through case_broken() for the former
 * (verdict.h); a case that Criterion's own bound ended proves nothing
 * either (CONTRACT.md §2). */
dk_verdict dk_report_verdict(const struct criterion_test_stats *t,
                             const char *reason)
{
    if (t->test_status == CR_STATUS_SKIPPED)
        return DK_SKIP;
    if (t->test_status == CR_STATUS_PASSED && !t->crashed && !t->timed_out)
        return DK_PASS;
    if (t->timed_out)
        return DK_BROKEN;
    return dk_verdict_of_failure(reason);
}

/* Why a case did not pass: the first failed assertion, the crash, the
 * timeout, or the skip reason. */
const char *dk_report_reason(const struct criterion_test_stats *t, char *buf,
                             size_t size)
{
    if (t->timed_out) {
        char load[64];
        snprintf(buf, size, CASE_BROKEN_PREFIX "inconclusive: the case's end, "
                 "deadline %gs (Criterion's per-case bound), load %s",
                 t->test->data->timeout, dk_load_text(load, sizeof load));
    } else if (t->crashed)
        snprintf(buf, size, "the case crashed (signal %d)", t->signal);
    else if (t->test_status == CR_STATUS_SKIPPED)
        snprintf(buf, size, "%s", t->message ? t->message : "");
    else {
        /* Criterion lists assertions newest first: the last failed one in
         * the list is the first that failed. A sandbox the subject filled
         * comes first whenever it was found: what failed before may be
         * only that. */
        buf[0] = '\0';
        for (const struct criterion_assert_stats *a = t->asserts; a; a = a->next)
            if (!a->passed && a->message &&
                strncmp(a->message, SANDBOX_FULL, strlen(SANDBOX_FULL)) == 0)
                return snprintf(buf, size, "%s", a->message), buf;
        for (const struct criterion_assert_stats *a = t->asserts; a; a = a->next)
            if (!a->passed)
                snprintf(buf, size, "%s", a->message ? a->message : "");
    }
    return buf;
}

/* One line, for the verdicts and the TSV. */
static const char *reason_of(const struct criterion_test_stats *t, char *buf,
                             size_t size)
{
    dk_report_reason(t, buf, size);
    for (char *p = buf; *p; p++)
        if (*p == '\n' || *p == '\t' || *p == '\r')
            *p = ' ';
    return buf;
}

static size_t selected;

/* Criterion has applied --filter by now: count what it left, and give
 * each case its bound (case_bound.c). */
DK_HOOK_LINE_FREE();
ReportHook(PRE_ALL)(struct criterion_test_set *set)
{
    selected = 0;
    FOREACH_SET(struct criterion_suite_set *s, set->suites) {
        if ((s->suite.data && s->suite.data->disabled) || s->tests == NULL)
            continue;
        FOREACH_SET(struct criterion_test *t, s->tests)
            if (!t->data->disabled)
                selected++;
    }
    /* Nothing will run: dkcheck says so in one line; Criterion's summary
     * of nothing would only be noise. */
    if (selected == 0)
        criterion_options.logging_threshold = CRITERION_LOG_LEVEL_QUIET;
    /* After the count: a case skipped without a worker is still judged. */
    case_preskip(set);
    case_bound(set);
}

size_t dk_report_selected(void)
{
    return selected;
}

static const struct criterion_suite_stats *
suite_named(const struct criterion_global_stats *g, const char *name)
{
    for (const struct criterion_suite_stats *s = g->suites; s; s = s->next)
        if (strcmp(s->suite->name, name) == 0)
            return s;
    return NULL;
}

static int by_name(const void *a, const void *b)
{
    const struct criterion_test_stats *const *x = a, *const *y = b;
    return strcmp((*x)->test->name, (*y)->test->name);
}

/* Cases of one suite, sorted by name, so reports are stable across runs. */
size_t dk_report_cases(const struct criterion_suite_stats *s,
                       const struct criterion_test_stats **out, size_t max)
{
    size_t n = 0;
    for (const struct criterion_test_stats *t = s->tests; t && n < max; t = t->next)
        if (!left_out(t))
            out[n++] = t;
    /* The array holds pointers: sizeof *out is a pointer's size on purpose. */
    if (n > 1)
        qsort(out, n, sizeof *out, by_name); // NOLINT(bugprone-sizeof-expression)
    return n;
}

/* Known steps in their order, then any other suite (never silently lost). */
static bool any_selected(const struct criterion_suite_stats *s)
{
    for (const struct criterion_test_stats *t = s->tests; t; t = t->next)
        if (!left_out(t))
            return true;
    return false;
}

void dk_report_each_suite(const struct criterion_global_stats *g, FILE *f,
                          dk_suite_fn fn, void *acc)
{
    for (size_t i = 0; i < dk_n_steps; i++) {
        const struct criterion_suite_stats *s = suite_named(g, dk_steps[i].id);
        if (s != NULL && any_selected(s))
            fn(f, dk_steps[i].id, s, acc);
    }
    for (const struct criterion_suite_stats *s = g->suites; s; s = s->next)
        if (dk_step_find(s->suite->name) == NULL && any_selected(s))
            fn(f, s->suite->name, s, acc);
}

struct totals { size_t pass, fail, broken, skip, na; };

static void verdicts_suite(FILE *f, const char *id,
                           const struct criterion_suite_stats *s, void *acc)
{
    struct totals *tot = acc;
    const struct criterion_test_stats *tests[512];
    size_t n = dk_report_cases(s, tests, 512);
    if (n == 0)
        return;
    const dk_step *step = dk_step_find(id);
    fprintf(f, "\n%-4s %s\n", id, step ? step->words : "");
    for (size_t i = 0; i < n; i++) {
        char why[1024];
        reason_of(tests[i], why, sizeof why);
        dk_verdict v = dk_report_verdict(tests[i], why);
        /* A case for the other OS (its skip says "n/a: ...") is no skip of
         * the subject's: shown and counted as n/a. */
        bool na = v == DK_SKIP && dk_skip_is_na(why);
        fprintf(f, "  %-4s %s%s%s\n", na ? "n/a" : dk_verdict_name(v),
                tests[i]->test->name, why[0] ? ": " : "",
                na ? why + strlen(CASE_NA_PREFIX) : why);
        switch (v) {
        case DK_PASS:
            tot->pass++;
            break;
        case DK_SKIP:
            if (na)
                tot->na++;
            else
                tot->skip++;
            break;
        case DK_BROKEN:
            tot->broken++;
            break;
        case DK_FAIL:
            tot->fail++;
            break;
        }
    }
}

static FILE *verdicts_stream;

void dk_report_verdicts_to(FILE *stream)
{
    verdicts_stream = stream;
}

static void verdicts_report(FILE *f, struct criterion_global_stats *g)
{
    if (verdicts_stream != NULL)
        f = verdicts_stream;
    if (selected == 0)
        return;
    struct totals tot = {0, 0, 0, 0, 0};
    dk_report_each_suite(g, f, verdicts_suite, &tot);
    fprintf(f, "\ndkcheck: %zu passed, %zu failed, %zu broken, %zu skipped, %zu n/a\n",
            tot.pass, tot.fail, tot.broken, tot.skip, tot.na);
    fflush(f);
}

static void tsv_suite(FILE *f, const char *id,
                      const struct criterion_suite_stats *s, void *acc)
{
    (void)acc;
    const struct criterion_test_stats *tests[512];
    size_t n = dk_report_cases(s, tests, 512);
    for (size_t i = 0; i < n; i++) {
        char why[1024];
        reason_of(tests[i], why, sizeof why);
        fprintf(f, "%s\t%s\t%s\t%s\n", id, tests[i]->test->name,
                dk_verdict_name(dk_report_verdict(tests[i], why)), why);
    }
}

static void tsv_report(FILE *f, struct criterion_global_stats *g)
{
    dk_report_each_suite(g, f, tsv_suite, NULL);
}

void dk_register_reports(void)
{
    criterion_register_output_provider("verdicts", verdicts_report);
    criterion_register_output_provider("tsv", tsv_report);
    criterion_register_output_provider("json", dk_report_json);
    criterion_register_output_provider("xml", dk_report_xml);
}
