/* deadline.c: wait.h's rule for how long a deadline is, the same on every
 * OS (wait.c on Unix, wait_win.c in the native dkcheck.exe); only the
 * load it follows is the OS's (load.h). */
#include "wait.h"

#include "load.h"
#include "run_config.h"

#include <stdlib.h>

static double number(const char *s, double fallback, double max)
{
    char *end;
    double m;

    if (!s || !*s)
        return fallback;
    m = strtod(s, &end);
    return (*end || !(m > 0) || m > max) ? fallback : m;
}

/* Deadlines follow the machine (CONTRACT.md §2, "Deadlines"): a subject
 * starved of processor time is slow, not wrong. On top of
 * DKCHECK_TIMEOUT_MUL, a deadline grows with the load per processor (at
 * most LOAD_MUL_MAX times) and by CALIBRATION_LAUNCHES times the run's
 * calibration launch (DKCHECK_CALIBRATION_MS: how long the subject took
 * to answer --capabilities at the start of the run, its interpreter's or
 * Wine's start-up under the contention of that moment), at most
 * CALIBRATION_MAX_S more. A passing case never waits for a deadline, so
 * a longer one costs only a broken subject's time. */
enum { LOAD_MUL_MAX = 4, CALIBRATION_LAUNCHES = 10, CALIBRATION_MAX_S = 30 };

double dk_deadline_scale(double seconds, double load_per_cpu,
                         double calibration_ms, double mul)
{
    double load = load_per_cpu < 1              ? 1
                  : load_per_cpu > LOAD_MUL_MAX ? LOAD_MUL_MAX
                                                : load_per_cpu;
    double extra = CALIBRATION_LAUNCHES * calibration_ms / 1000;
    if (!(extra > 0))
        extra = 0;
    if (extra > CALIBRATION_MAX_S)
        extra = CALIBRATION_MAX_S;
    if (!(seconds > 0))
        return 0;
    return (seconds * load + extra) * mul;
}

double dk_deadline_seconds(double seconds)
{
    return dk_deadline_scale(seconds, dk_load_per_cpu(),
                             number(run_config()->calibration_ms, 0, 1e7),
                             number(run_config()->timeout_mul, 1, 1e6));
}

double dk_deadline_longest(double seconds)
{
    return dk_deadline_scale(seconds, LOAD_MUL_MAX,
                             number(run_config()->calibration_ms, 0, 1e7),
                             number(run_config()->timeout_mul, 1, 1e6));
}
