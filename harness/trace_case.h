/* trace_case.h: what the tracer saw, as evidence in the messages of cases
 * that do not need it for their verdict (trace.h holds the tracer).
 *
 * A case calls case_observe_calls() before launching: its launches then
 * run under a recording-only tracer where tracing is allowed, and exactly
 * as before where it is not (the evidence is then ""). The verdict never
 * depends on it. */
#ifndef DKCHECK_TRACE_CASE_H
#define DKCHECK_TRACE_CASE_H

#include "trace.h"

#include <stdbool.h>
#include <stddef.h>

/* Record the calls of this case's next launches (up to
 * TRACE_MAX_LAUNCHERS). true if they will be. */
bool case_observe_calls(void);

/* The recording session launch k should run under, or NULL (case_launch.c). */
trace_session *case_observer(size_t k);

/* " [traced: openat(\"PATH\", O_WRONLY|O_CREAT|O_EXCL, 0644) = 3 (pid
 * 812); ...]": the calls naming path, or "" when nothing was recorded. */
const char *case_calls_on(const char *path);

/* " [traced order: 812 fork = 813; 813 setsid; 813 fork = 814; 814 umask;
 * 814 chdir(\"/\")]": forks, setsid, umask and chdir as they came, or "". */
const char *case_call_order(void);

#endif
