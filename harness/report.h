/* report.h: dkcheck's own Criterion output providers.
 *   verdicts  every case under its step id and the step's words, then the
 *             closing line "dkcheck: N passed, N failed, N broken,
 *             N skipped, N n/a"
 *   tsv       step, case, verdict, message: one case a line, for scripts
 *   json      run information and every case (report_json.c)
 *   xml       JUnit XML, run information as properties (report_xml.c)
 * Verdicts: pass, FAIL (the subject), BROKEN (our set-up, or an adapter's
 * own error), skip (with its reason), n/a (a skip saying "n/a: ...": a
 * case for the other OS); the closing line counts each apart. json and xml replace
 * Criterion's, which leave quotes and control bytes in messages unescaped.
 * Cases --filter left out are in no report. */
#ifndef DKCHECK_REPORT_H
#define DKCHECK_REPORT_H

#include "verdict.h"

#include <criterion/stats.h>
#include <stdbool.h>
#include <stdio.h>

/* After criterion_initialize (ours replace Criterion's of the same name). */
void dk_register_reports(void);

/* Write the verdicts to stream, whatever file Criterion opened for the
 * "verdicts" output. Criterion opens an output's path itself, for writing:
 * "/dev/stdout" would truncate a redirected standard output (losing what
 * was written before), so the default, our stdout, comes this way. */
void dk_report_verdicts_to(FILE *stream);

/* How many cases the run selected (after --filter); known once the run
 * has begun. A run that selected none wrote no verdicts. */
size_t dk_report_selected(void);

/* Criterion's console output (report_console.c), after its options are
 * parsed: verbosity -1 none, 0 its default, N its --verbose=N. */
void dk_report_console(int verbosity);

/* ---- for the providers ---- */

/* The case's verdict (verdict.h's kinds); reason from dk_report_reason. */
dk_verdict dk_report_verdict(const struct criterion_test_stats *t,
                             const char *reason);
/* Why a case did not pass, whole (it may hold newlines): the first failed
 * assertion, the crash, the timeout, or the skip reason; "" if it passed. */
const char *dk_report_reason(const struct criterion_test_stats *t, char *buf,
                             size_t size);

typedef void (*dk_suite_fn)(FILE *f, const char *id,
                            const struct criterion_suite_stats *s, void *acc);
/* Known steps in their order, then any other suite (never silently lost);
 * suites with no selected case are left out. */
void dk_report_each_suite(const struct criterion_global_stats *g, FILE *f,
                          dk_suite_fn fn, void *acc);
/* The selected cases of one suite, sorted by name; how many. */
size_t dk_report_cases(const struct criterion_suite_stats *s,
                       const struct criterion_test_stats **out, size_t max);

/* report_json.c, report_xml.c */
void dk_report_json(FILE *f, struct criterion_global_stats *g);
void dk_report_xml(FILE *f, struct criterion_global_stats *g);

#endif
