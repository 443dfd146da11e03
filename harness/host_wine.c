/* host_wine.c: host.h for a Windows subject, run from Linux through Wine.
 * Its processes have Windows PIDs, which only the Windows observer
 * (case_wine.c) knows: a launch is `wine SUBJECT ...` with Windows paths;
 * what ends is counted, not reaped (a Windows daemon is no child of
 * ours); and Wine's own servers, working for the case, keep it from being
 * idle. */
#include "host_ops.h"

#include "case.h"
#include "load.h"
#include "run_config.h"
#include "sandbox.h"
#include "verdict.h"
#include "wine_busy.h"

#include <stdio.h>
#include <string.h>

static const char *unavailable(char *buf, size_t size)
{
    const char *missing = run_config()->wine_missing;
    if (missing == NULL)
        return NULL;
    snprintf(buf, size, "a Windows case, and Wine cannot run it here: %s",
             missing);
    return buf;
}

static size_t command(char **argv, size_t max)
{
    if (max == 0)
        return 0;
    argv[0] = "wine";
    return 1;
}

/* Every Wine process waits on its server: a busy one works for the case.
 * And a Windows program that starts slowly sleeps between two calls to
 * its server as often as it runs: one look found all of a launcher's
 * processes asleep at load 20 (a Python launcher, ten seconds into a
 * start that takes two alone). So the case is settled only if none of
 * its threads runs for a while, as long as the load makes a wait for the
 * processor (1 s on an idle machine, up to 4 s). */
static const char *settled(const pid_t *living, size_t n)
{
    double window = host_win_quiet_window();
    if (!dk_wine_quiet(living, n, window))
        return NULL;
    return sandbox_printf("; none ran for %.1fs, nor any Wine server",
                          window);
}

/* Wine's ERROR_INTERNAL_ERROR (1359), which Wine gives under contention
 * (a wineserver call that failed) and Windows documents as no answer of
 * the program's. */
static void own_failure(const char *said)
{
    char load[64];
    if (strstr(said, "error 1359)") != NULL)
        case_broken("Wine internal error under load (ERROR_INTERNAL_ERROR, "
                    "1359), not the subject's answer: \"%s\", load %s", said,
                    dk_load_text(load, sizeof load));
}

const dk_host dk_host_wine = {
    HOST_WINDOWS_SUBJECT,
    .name = "wine",
    .unavailable = unavailable,
    .command = command,
    .wordless_failure_is_inconclusive = true,
    .is_ours = host_win_alive,
    .settled = settled,
    .own_failure = own_failure,
};
