/* run_config.c: run_config.h. */
#include "run_config.h"

#include <stdlib.h>
#include <string.h>

static dk_run_config the_config;
static bool read_once;

/* Unset and empty alike mean "not given", but for the flags, which are
 * given by being set at all. */
static const char *given(const char *name)
{
    const char *v = getenv(name);
    return v != NULL && v[0] != '\0' ? v : NULL;
}

static void read_config(void)
{
    dk_run_config *c = &the_config;
    c->subject = getenv("DKCHECK_SUBJECT");
    c->capabilities = getenv("DKCHECK_CAPABILITIES");
    c->profile = getenv("DKCHECK_PROFILE");
    c->daemon7 = c->profile != NULL && strcmp(c->profile, "daemon7") == 0;
    c->platform = getenv("DKCHECK_PLATFORM");
    c->windows = c->platform != NULL && strcmp(c->platform, "windows") == 0;
    c->wine_missing = getenv("DKCHECK_WINE_MISSING");
    c->rundir = getenv("DKCHECK_RUNDIR");
    c->isolation = getenv("DKCHECK_ISOLATION");
    c->no_namespace = getenv("DKCHECK_NO_NAMESPACE") != NULL;
    c->sandbox_size = getenv("DKCHECK_SANDBOX_SIZE");
    c->tmpfs_size = getenv("DKCHECK_TMPFS_SIZE");
    c->timeout_mul = getenv("DKCHECK_TIMEOUT_MUL");
    c->calibration_ms = getenv("DKCHECK_CALIBRATION_MS");
    c->user = given("DKCHECK_USER");
    c->win_temp = getenv("DKCHECK_WIN_TEMP");
    c->win_probe = given("DKCHECK_WIN_PROBE");
    c->test_ns_refuse = getenv("DKCHECK_TEST_NS_REFUSE");
    c->trace_refuse = getenv("DKCHECK_TRACE_REFUSE") != NULL;
    c->trace_log = given("DKCHECK_TRACE_LOG");
    c->trace_every_call = getenv("DKCHECK_TRACE_EVERY_CALL") != NULL;
    read_once = true;
}

const dk_run_config *run_config(void)
{
    if (!read_once)
        read_config();
    return &the_config;
}

void run_config_set(const char *name, const char *value)
{
    if (value != NULL)
        setenv(name, value, 1);
    else
        unsetenv(name);
    /* Every pointer read anew: setenv may have replaced what one named. */
    read_config();
}
