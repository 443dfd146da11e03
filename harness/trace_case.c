/* trace_case.c: the tracer's record as words for a case's messages. */
#include "trace_case.h"

#include "case.h"
#include "host.h"
#include "sandbox.h"

#include <stdio.h>
#include <string.h>

enum { MAX_SHOWN = 6, ORDER_SHOWN = 12 };

static trace_session *observer;
static bool tried;

/* The sandbox directory itself: SANDBOX/x without its last 2 bytes. */
static const char *sandbox_dir(void)
{
    const char *x = sandbox_path("x");
    return sandbox_printf("%.*s", (int)(strlen(x) - 2), x);
}

bool case_observe_calls(void)
{
    /* A Windows subject's calls are Wine's, made for it: nothing there to
     * explain a verdict with. */
    if (!host()->traceable)
        return false;
    if (!tried || trace_current() != observer) {
        tried = true;
        char why[256];
        const char *dir = sandbox_dir();
        observer = trace_begin(TRACE_OBSERVE, TRACE_MAX_LAUNCHERS, dir, dir,
                               sandbox_path("daemon.pid"), NULL, why,
                               sizeof why);
    }
    return observer != NULL;
}

trace_session *case_observer(size_t k)
{
    trace_session *t = trace_current();
    return t != NULL && t == observer && k < TRACE_MAX_LAUNCHERS ? t : NULL;
}

const char *case_calls_on(const char *path)
{
    trace_session *t = trace_current();
    if (t == NULL || t != observer)
        return "";
    const trace_call *calls;
    size_t n = trace_calls(t, &calls), shown = 0;
    char *s = sandbox_printf("%s", "");
    char buf[600];
    for (size_t i = 0; i < n && shown < MAX_SHOWN; i++)
        if (strcmp(calls[i].path, path) == 0 ||
            strcmp(calls[i].path2, path) == 0)
            s = sandbox_printf("%s%s%s (pid %d)", s, shown++ ? "; " : "",
                               trace_describe(&calls[i], buf, sizeof buf),
                               (int)calls[i].pid);
    return shown ? sandbox_printf(" [traced: %s]", s)
                 : sandbox_printf(" [traced: no call named %s]", path);
}

const char *case_call_order(void)
{
    static const char *const steps[] = {"fork", "vfork", "clone", "setsid",
                                        "umask", "chdir", "fchdir"};
    trace_session *t = trace_current();
    if (t == NULL || t != observer)
        return "";
    const trace_call *calls;
    size_t n = trace_calls(t, &calls), shown = 0;
    char *s = sandbox_printf("%s", "");
    char res[32];
    for (size_t i = 0; i < n && shown < ORDER_SHOWN; i++) {
        const trace_call *c = &calls[i];
        bool step = false;
        for (size_t j = 0; j < sizeof steps / sizeof steps[0]; j++)
            step = step || strcmp(c->name, steps[j]) == 0;
        if (!step)
            continue;
        bool umask = strcmp(c->name, "umask") == 0;
        s = sandbox_printf(
            "%s%s%d %s%s%s%s%s%s", s, shown++ ? "; " : "", (int)c->pid,
            c->name, umask ? sandbox_printf("(0%lo)", c->arg[0] & 0777) : "",
            c->path[0] ? sandbox_printf("(\"%s\")", c->path) : "",
            c->done ? " = " : "",
            c->done ? trace_result(c->ret, res, sizeof res) : "", "");
    }
    return shown ? sandbox_printf(" [traced order: %s]", s) : "";
}
