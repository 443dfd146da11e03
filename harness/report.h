/* report.h: dkcheck's own Criterion output providers.
 *   verdicts  every case under its step id and the step's words, then the
 *             closing line "dkcheck: N passed, N failed, N skipped"
 *   tsv       step, case, verdict, message: one case a line, for scripts
 * Verdicts: pass, FAIL (the subject), BROKEN (our set-up; counted as failed
 * in the closing line), skip (with its reason). */
#ifndef DKCHECK_REPORT_H
#define DKCHECK_REPORT_H

#include <stdio.h>

void dk_register_reports(void);

/* Write the verdicts to stream, whatever file Criterion opened for the
 * "verdicts" output. Criterion opens an output's path itself, for writing:
 * "/dev/stdout" would truncate a redirected standard output (losing what
 * was written before), so the default, our stdout, comes this way. */
void dk_report_verdicts_to(FILE *stream);

#endif
