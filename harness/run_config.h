/* run_config.h: the run's configuration, read in one place.
 *
 * dkcheck's runner decides it (its command line, the subject's answers,
 * what the machine allows) and hands it to every case's worker, a fresh
 * exec of dkcheck, in DKCHECK_* environment variables: the one channel an
 * exec keeps. Nothing else reads those variables; everyone asks
 * run_config(). The runner changes a value with run_config_set(), which
 * sets the variable (for the workers to come) and the struct alike. */
#ifndef DKCHECK_RUN_CONFIG_H
#define DKCHECK_RUN_CONFIG_H

#include <stdbool.h>

typedef struct dk_run_config {
    const char *subject;        /* DKCHECK_SUBJECT: the command, or NULL */
    const char *capabilities;   /* DKCHECK_CAPABILITIES: its words, or NULL */
    const char *profile;        /* DKCHECK_PROFILE, or NULL (daemoniker) */
    bool daemon7;               /* profile is "daemon7" */
    const char *platform;       /* DKCHECK_PLATFORM: "windows", or NULL */
    bool windows;               /* a Windows subject, run under Wine */
    const char *wine_missing;   /* DKCHECK_WINE_MISSING: why Wine cannot
                                 * run it here, or NULL */
    const char *rundir;         /* DKCHECK_RUNDIR: the run's directory */
    const char *isolation;      /* DKCHECK_ISOLATION: "pid-namespace" or
                                 * "subreaper" */
    bool no_namespace;          /* DKCHECK_NO_NAMESPACE set: none asked for */
    const char *sandbox_size;   /* DKCHECK_SANDBOX_SIZE: bytes, or NULL */
    const char *tmpfs_size;     /* DKCHECK_TMPFS_SIZE: bytes, or NULL */
    const char *timeout_mul;    /* DKCHECK_TIMEOUT_MUL, or NULL */
    const char *calibration_ms; /* DKCHECK_CALIBRATION_MS, or NULL */
    const char *user;           /* DKCHECK_USER (P1), or NULL */
    const char *win_temp;       /* DKCHECK_WIN_TEMP: Windows' %TEMP% as a
                                 * Linux path, or NULL */
    const char *win_probe;      /* DKCHECK_WIN_PROBE: dkprobe.exe, or NULL */
    /* For make check's parts, which prove fallbacks a machine that
     * permits everything would never take: */
    const char *test_ns_refuse; /* DKCHECK_TEST_NS_REFUSE: an errno name */
    bool trace_refuse;          /* DKCHECK_TRACE_REFUSE set */
    const char *trace_log;      /* DKCHECK_TRACE_LOG: the tracer's log */
    bool trace_every_call;      /* DKCHECK_TRACE_EVERY_CALL set */
} dk_run_config;

/* The run's configuration, read from the environment on the first call. */
const dk_run_config *run_config(void);

/* The runner's: set the variable name (a DKCHECK_* one) to value (NULL:
 * unset it), for this process and every worker it starts. */
void run_config_set(const char *name, const char *value);

#endif
