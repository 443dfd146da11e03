/* The json output provider: Criterion's shape (test_suites, tests, status,
 * messages), so that readers of Criterion's JSON read ours, plus what it
 * lacks: run_info, each step's words, each case's verdict and reason. Every
 * string goes through dk_json_string: valid JSON whatever a message holds.
 * Messages are Criterion's order, newest first; each is whole. */
#include "escape.h"
#include "report.h"
#include "run_info.h"
#include "steps.h"

#include "../lib/daemoniker.h"

#include <criterion/criterion.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CASES 512

struct counts { size_t passed, failed, errored, skipped; };

static const char *status_of(const struct criterion_test_stats *t)
{
    return t->crashed || t->timed_out                ? "ERRORED"
           : t->test_status == CR_STATUS_FAILED      ? "FAILED"
           : t->test_status == CR_STATUS_SKIPPED     ? "SKIPPED"
                                                     : "PASSED";
}

static void count(struct counts *c, const struct criterion_test_stats *t)
{
    const char *s = status_of(t);
    if (s[0] == 'P')
        c->passed++;
    else if (s[0] == 'F')
        c->failed++;
    else if (s[0] == 'E')
        c->errored++;
    else
        c->skipped++;
}

static void count_suite(FILE *f, const char *id,
                        const struct criterion_suite_stats *s, void *acc)
{
    (void)f, (void)id;
    const struct criterion_test_stats *tests[MAX_CASES];
    size_t n = dk_report_cases(s, tests, MAX_CASES);
    for (size_t i = 0; i < n; i++)
        count(acc, tests[i]);
}

static void counts(FILE *f, const struct counts *c, const char *indent)
{
    fprintf(f, "%s\"passed\": %zu,\n%s\"failed\": %zu,\n%s\"errored\": %zu,\n"
               "%s\"skipped\": %zu,\n",
            indent, c->passed, indent, c->failed, indent, c->errored, indent,
            c->skipped);
}

static void messages(FILE *f, const struct criterion_test_stats *t,
                     const char *reason)
{
    fputs("          \"messages\": [", f);
    bool first = true;
    if (t->test_status == CR_STATUS_FAILED && !t->crashed && !t->timed_out) {
        for (const struct criterion_assert_stats *a = t->asserts; a; a = a->next) {
            if (a->passed)
                continue;
            /* "file:line: message", as Criterion writes it. */
            char *m;
            if (asprintf(&m, "%s:%u: %s", a->file ? a->file : "?", a->line,
                         a->message ? a->message : "") < 0)
                m = NULL;
            fputs(first ? "\n            " : ",\n            ", f);
            dk_json_string(f, m ? m : a->message);
            free(m);
            first = false;
        }
    } else if (reason[0] != '\0') {
        fputs("\n            ", f);
        dk_json_string(f, reason);
        first = false;
    }
    fputs(first ? "]\n" : "\n          ]\n", f);
}

struct suites { bool first; };

static void json_suite(FILE *f, const char *id,
                       const struct criterion_suite_stats *s, void *acc)
{
    struct suites *st = acc;
    const struct criterion_test_stats *tests[MAX_CASES];
    size_t n = dk_report_cases(s, tests, MAX_CASES);
    struct counts c = {0, 0, 0, 0};
    for (size_t i = 0; i < n; i++)
        count(&c, tests[i]);
    const dk_step *step = dk_step_find(id);
    fprintf(f, "%s    {\n      \"name\": ", st->first ? "" : ",\n");
    st->first = false;
    dk_json_string(f, id);
    fputs(",\n      \"words\": ", f);
    dk_json_string(f, step ? step->words : "");
    fputs(",\n      \"applies\": ", f);
    dk_json_string(f, step ? step->applies : "");
    fputs(",\n", f);
    counts(f, &c, "      ");
    fputs("      \"tests\": [\n", f);
    for (size_t i = 0; i < n; i++) {
        const struct criterion_test_stats *t = tests[i];
        char reason[4096];
        dk_report_reason(t, reason, sizeof reason);
        fputs("        {\n          \"name\": ", f);
        dk_json_string(f, t->test->name);
        fprintf(f, ",\n          \"assertions\": %zu,\n          \"status\": \"%s\",\n"
                   "          \"verdict\": \"%s\",\n          \"reason\": ",
                (size_t)t->passed_asserts + (size_t)t->failed_asserts, status_of(t),
                dk_verdict_name(dk_report_verdict(t, reason)));
        dk_json_string(f, reason);
        fprintf(f, ",\n          \"seconds\": %.3f,\n", (double)t->elapsed_time);
        messages(f, t, reason);
        fprintf(f, "        }%s\n", i + 1 < n ? "," : "");
    }
    fputs("      ]\n    }", f);
}

void dk_report_json(FILE *f, struct criterion_global_stats *g)
{
    if (dk_report_selected() == 0)
        return;
    /* JSON wants a dot in "0.002", whatever the locale. */
    char *numeric = strdup(setlocale(LC_NUMERIC, NULL));
    setlocale(LC_NUMERIC, "C");
    struct counts c = {0, 0, 0, 0};
    dk_report_each_suite(g, f, count_suite, &c);
    fputs("{\n  \"id\": \"dkcheck " DK_VERSION_STRING "\",\n  \"run_info\": {", f);
    const dk_run_item *info = dk_run_info();
    for (size_t i = 0; info[i].name != NULL; i++) {
        fprintf(f, "%s\n    ", i ? "," : "");
        dk_json_string(f, info[i].name);
        fputs(": ", f);
        dk_json_string(f, info[i].value);
    }
    fputs("\n  },\n", f);
    counts(f, &c, "  ");
    fputs("  \"test_suites\": [\n", f);
    struct suites st = {true};
    dk_report_each_suite(g, f, json_suite, &st);
    fputs("\n  ]\n}\n", f);
    fflush(f);
    if (numeric != NULL) {
        setlocale(LC_NUMERIC, numeric);
        free(numeric);
    }
}
