/* trace_none.c: trace.h where this OS has no tracer backend yet: every
 * session is refused, so the cases that need one skip, saying why. */
#include "trace.h"

#include <errno.h>
#include <stdio.h>

trace_session *trace_begin(trace_plan plan, size_t k, const char *sandbox,
                           const char *watch_dir, const char *pidfile,
                           const char *const ready[], char *why,
                           size_t why_size)
{
    (void)plan, (void)k, (void)sandbox, (void)watch_dir, (void)pidfile,
        (void)ready;
    snprintf(why, why_size, "system calls are unobservable here (dkcheck has "
             "no tracer for this OS)");
    return NULL;
}

void trace_child_prepare(const trace_session *t)
{
    (void)t;
}

int trace_child_arm(const trace_session *t)
{
    (void)t;
    errno = ENOSYS;
    return -1;
}

int trace_attach(trace_session *t, pid_t launcher, size_t index)
{
    (void)t, (void)launcher, (void)index;
    errno = ENOSYS;
    return -1;
}

trace_session *trace_current(void)
{
    return NULL;
}

bool trace_is_tracer(pid_t pid)
{
    (void)pid;
    return false;
}

size_t trace_calls(const trace_session *t, const trace_call **calls)
{
    (void)t;
    *calls = NULL;
    return 0;
}

bool trace_forced(const trace_session *t)
{
    (void)t;
    return false;
}

bool trace_timed_out(const trace_session *t)
{
    (void)t;
    return false;
}

const char *trace_note(const trace_session *t)
{
    (void)t;
    return "unobservable";
}

void trace_end(void)
{
}
