/* case.c: a case's set-up and teardown (case.h), the skips decided from
 * the run's settings before it starts, and the context its failures are
 * written in. The launch is case_launch.c's (what the launcher inherits:
 * case_inherit.c), the processes case_living.c's, the preconditions
 * case_precondition.c's, the sandbox's listing case_listing.c's; how the
 * subject runs is the run's host.h. */
#include "case_private.h"

#include "hold_unseen.h"
#include "host.h"
#include "notify_recv.h"
#include "run_config.h"
#include "sandbox.h"
#include "trace.h"

#include <stdlib.h>

/* What a failure of these helpers is about, before its own words: nothing
 * for the case's own launches, "cannot judge (precondition ...): " while a
 * precondition runs, what a race saw so far (case_context_by). The step
 * itself is never written here: it is the case's suite, and the report
 * names it once. */
static const char *context = "";
static const char *(*context_fn)(void *);
static void *context_arg;

const char *case_current_context(void)
{
    return context_fn != NULL ? context_fn(context_arg) : context;
}

bool case_profile_daemon7(void)
{
    return run_config()->daemon7;
}

/* Each profile runs its own cases (the D steps are daemon7's); dkcheck's
 * default filter leaves the other's out, and a --filter naming them gets
 * this reason. */
static const char *profile_skip(const char *suite)
{
    bool d7_case = suite[0] == 'D' && suite[1] >= '0' && suite[1] <= '9';
    if (d7_case && !case_profile_daemon7())
        return "a daemon7 profile case (dkcheck --profile daemon7)";
    if (!d7_case && case_profile_daemon7())
        return "not in the daemon7 profile (dkcheck --profile daemoniker "
               "runs it)";
    return NULL;
}

const char *case_skip_before_start(const char *suite, void (*init)(void),
                                   char *buf, size_t size)
{
    const char *profile = profile_skip(suite);
    if (profile != NULL)
        return profile;
    dk_subject_kind kind = host()->kind;
    if (init == case_init && kind != DK_SUBJECT_UNIX)
        return CASE_NA_PREFIX "a Unix case; the subject is a Windows program";
    if (init == case_init_windows && kind != DK_SUBJECT_WINDOWS)
        return CASE_NA_PREFIX "a Windows case; the subject is not a Windows program";
    /* Left: the cases of the run's kind, which its host may not run. */
    return host()->unavailable(buf, size);
}

/* In the case's worker: the skip the runner would have made already
 * (case_preskip.c), for a case started on its own or through Criterion's
 * own runner. */
static void skip_before_start(void (*init)(void))
{
    char buf[512];
    const char *why = case_skip_before_start(criterion_current_suite->name,
                                             init, buf, sizeof buf);
    if (why != NULL)
        cr_skip_test("%s", why);
}

int case_launcher_umask(void)
{
    return case_profile_daemon7() ? CASE_LAUNCHER_UMASK_D7
                                  : CASE_LAUNCHER_UMASK;
}

void case_init(void)
{
    skip_before_start(case_init);
    /* A dkcheck run by systemd must not hand its own supervisor's socket
     * to subjects: only the N1 cases set one, their own. */
    unsetenv("NOTIFY_SOCKET");
    sandbox_open();
}

void case_init_any(void)
{
    skip_before_start(case_init_any);
    sandbox_open();
}

void case_init_windows(void)
{
    skip_before_start(case_init_windows);
    sandbox_open();
}

void case_fini(void)
{
    case_launches_end();
    notify_close(); /* N1's socket, if any, and a directory made for it */
    trace_end();
    sandbox_close(); /* the processes first: they wait on unseen's answers */
    unseen_end();
}

void case_context(const char *prefix)
{
    context = prefix;
    context_fn = NULL;
}

void case_context_by(const char *(*prefix)(void *arg), void *arg)
{
    context_fn = prefix;
    context_arg = arg;
}
