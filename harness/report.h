/* report.h: dkcheck's own Criterion output providers.
 *   verdicts  every case under its step id and the step's words, then the
 *             closing line "dkcheck: N passed, N failed, N skipped"
 *   tsv       step, case, verdict, message: one case a line, for scripts
 * Verdicts: pass, FAIL (the subject), BROKEN (our set-up; counted as failed
 * in the closing line), skip (with its reason). */
#ifndef DKCHECK_REPORT_H
#define DKCHECK_REPORT_H

void dk_register_reports(void);

#endif
