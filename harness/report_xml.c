/* The xml output provider: JUnit XML (testsuites, testsuite, testcase with
 * failure, error or skipped), which CI systems read; each testsuite is a
 * step and carries the run information and the step's words as
 * properties. Text goes through dk_xml_text: well-formed XML 1.0 whatever
 * a message holds. */
#include "escape.h"
#include "report.h"
#include "run_info.h"
#include "steps.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CASES 512

struct totals { size_t tests, failures, errors, skipped; };

static void tally(struct totals *c, const struct criterion_test_stats *t)
{
    c->tests++;
    if (t->crashed || t->timed_out)
        c->errors++;
    else if (t->test_status == CR_STATUS_FAILED)
        c->failures++;
    else if (t->test_status == CR_STATUS_SKIPPED)
        c->skipped++;
}

static void tally_suite(FILE *f, const char *id,
                        const struct criterion_suite_stats *s, void *acc)
{
    (void)f, (void)id;
    const struct criterion_test_stats *tests[MAX_CASES];
    size_t n = dk_report_cases(s, tests, MAX_CASES);
    for (size_t i = 0; i < n; i++)
        tally(acc, tests[i]);
}

static void totals(FILE *f, const struct totals *c)
{
    fprintf(f, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\"",
            c->tests, c->failures, c->errors, c->skipped);
}

static void property(FILE *f, const char *name, const char *value)
{
    fputs("      <property name=\"", f);
    dk_xml_text(f, name, 1);
    fputs("\" value=\"", f);
    dk_xml_text(f, value, 1);
    fputs("\"/>\n", f);
}

/* What a testcase holds: nothing when it passed. */
static void outcome(FILE *f, const struct criterion_test_stats *t,
                    dk_verdict verdict, const char *reason)
{
    if (t->test_status == CR_STATUS_SKIPPED) {
        fputs("      <skipped message=\"", f);
        dk_xml_text(f, reason, 1);
        fputs("\"/>\n", f);
    } else if (t->crashed || t->timed_out) {
        fprintf(f, "      <error type=\"%s\" message=\"",
                t->crashed ? "crash" : "timeout");
        dk_xml_text(f, reason, 1);
        fputs("\"/>\n", f);
    } else if (verdict != DK_PASS) {
        fprintf(f, "      <failure type=\"%s\" message=\"",
                dk_verdict_name(verdict));
        dk_xml_text(f, reason, 1);
        fputs("\">", f);
        /* Every failed assertion, the first first. */
        const struct criterion_assert_stats *failed[256];
        size_t n = 0;
        for (const struct criterion_assert_stats *a = t->asserts; a && n < 256;
             a = a->next)
            if (!a->passed)
                failed[n++] = a;
        while (n-- > 0) {
            fprintf(f, "%s:%u: ", failed[n]->file ? failed[n]->file : "?",
                    failed[n]->line);
            dk_xml_text(f, failed[n]->message, 0);
            fputs("\n", f);
        }
        fputs("</failure>\n", f);
    }
}

static void xml_suite(FILE *f, const char *id,
                      const struct criterion_suite_stats *s, void *acc)
{
    (void)acc;
    const struct criterion_test_stats *tests[MAX_CASES];
    size_t n = dk_report_cases(s, tests, MAX_CASES);
    struct totals c = {0, 0, 0, 0};
    double seconds = 0;
    for (size_t i = 0; i < n; i++) {
        tally(&c, tests[i]);
        seconds += tests[i]->elapsed_time;
    }
    fputs("  <testsuite name=\"", f);
    dk_xml_text(f, id, 1);
    fputs("\"", f);
    totals(f, &c);
    fprintf(f, " time=\"%.3f\">\n    <properties>\n", seconds);
    const dk_step *step = dk_step_find(id);
    property(f, "step", step ? step->words : "");
    property(f, "applies", step ? step->applies : "");
    const dk_run_item *info = dk_run_info();
    for (size_t i = 0; info[i].name != NULL; i++)
        property(f, info[i].name, info[i].value);
    fputs("    </properties>\n", f);
    for (size_t i = 0; i < n; i++) {
        const struct criterion_test_stats *t = tests[i];
        char reason[4096];
        dk_report_reason(t, reason, sizeof reason);
        dk_verdict verdict = dk_report_verdict(t, reason);
        fputs("    <testcase name=\"", f);
        dk_xml_text(f, t->test->name, 1);
        fputs("\" classname=\"", f);
        dk_xml_text(f, id, 1);
        fprintf(f, "\" assertions=\"%zu\" time=\"%.3f\">\n",
                (size_t)t->passed_asserts + (size_t)t->failed_asserts,
                (double)t->elapsed_time);
        outcome(f, t, verdict, reason);
        fputs("    </testcase>\n", f);
    }
    fputs("  </testsuite>\n", f);
}

void dk_report_xml(FILE *f, struct criterion_global_stats *g)
{
    if (dk_report_selected() == 0)
        return;
    /* XML wants a dot in "0.002", whatever the locale. */
    char *numeric = strdup(setlocale(LC_NUMERIC, NULL));
    setlocale(LC_NUMERIC, "C");
    struct totals c = {0, 0, 0, 0};
    dk_report_each_suite(g, f, tally_suite, &c);
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"dkcheck\"", f);
    totals(f, &c);
    fputs(">\n", f);
    dk_report_each_suite(g, f, xml_suite, NULL);
    fputs("</testsuites>\n", f);
    fflush(f);
    if (numeric != NULL) {
        setlocale(LC_NUMERIC, numeric);
        free(numeric);
    }
}
