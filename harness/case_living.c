/* case_living.c: the processes of a case, counted, awaited and read; the
 * subject's processes by the run's host.h. Which processes are the
 * case's, and what of one can be read, is the OS's: case_living_unix.c
 * (ours: spawned, or adopted as the subreaper), case_living_win.c (the
 * case's Job object). */
#include "case_private.h"

#include "host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct only_these {
    const pid_t *keep;
    size_t n_keep;
};

static bool only_these_in_one_scan(const struct only_these *o)
{
    pid_t living[4096];
    size_t n = case_living_beside(o->keep, o->n_keep, living, 4096);
    for (size_t i = 0; i < n; i++) {
        bool kept = false;
        for (size_t j = 0; j < o->n_keep; j++)
            kept = kept || living[i] == o->keep[j];
        if (!kept)
            return false;
    }
    return true;
}

/* Twice, for the reason ready_or_nobody gives: one scan may miss a process
 * and pass a case that should fail. */
static bool only_these_live(void *arg)
{
    const struct only_these *o = arg;
    return only_these_in_one_scan(o) && only_these_in_one_scan(o);
}

bool case_wait_only(const pid_t *keep, size_t n_keep, double seconds)
{
    struct only_these o = {keep, n_keep};
    return dk_wait_until(only_these_live, &o, dk_deadline_in(seconds));
}

const char *case_describe_living(void)
{
    pid_t living[64];
    size_t n = case_living(living, 64);
    char *s = sandbox_alloc(n * 12 + 1);
    s[0] = '\0';
    for (size_t i = 0; i < n; i++)
        sprintf(s + strlen(s), "%s%d", i ? " " : "", (int)living[i]);
    return s;
}

pid_t case_dead_pid(void)
{
    return host()->dead_pid();
}

pid_t case_stranger(void)
{
    return host()->stranger();
}

bool case_alive(pid_t pid)
{
    return host()->alive(pid);
}

const char *case_after_line_end(const char *end)
{
    if (end[0] == '\r' && host()->crlf_lines)
        end++;
    return end[0] == '\n' ? end + 1 : NULL;
}

static bool pidfile_holds_pid(void *path)
{
    size_t len;
    const char *text = sandbox_read(path, &len);
    char *end;
    return text != NULL && strtol(text, &end, 10) > 0 &&
           case_after_line_end(end) != NULL;
}

long case_wait_pidfile_pid(const char *path, double seconds)
{
    if (!dk_wait_until(pidfile_holds_pid, (void *)path,
                       dk_deadline_in(seconds)))
        return 0;
    return strtol(sandbox_read(path, NULL), NULL, 10);
}

bool case_wait_gone(pid_t pid, double seconds)
{
    int status;
    bool reaped;
    return dk_wait_gone(pid, &status, &reaped, dk_deadline_in(seconds));
}

size_t case_count_living(void)
{
    pid_t living[4096];
    return case_living(living, 4096);
}

static bool pidfile_gone_or_nobody(void *arg)
{
    const launch *l = arg;
    return access(l->pidfile, F_OK) != 0 || case_count_living() == 0;
}

bool case_pidfile_removed_after(const launch *l, pid_t daemon,
                                const char *context)
{
    dk_wait_until(pidfile_gone_or_nobody, (void *)l,
                  dk_deadline_in(CASE_DEADLINE));
    if (access(l->pidfile, F_OK) != 0)
        return true;
    if (case_count_living() > 0)
        case_inconclusive(CASE_DEADLINE, "%sthe removal of %s after daemon "
                          "%d ended, by processes of the subject still "
                          "alive: [%s]", context, l->pidfile, (int)daemon,
                          case_describe_living());
    return false;
}

struct living_count {
    size_t n;
};

/* Twice, for the reason ready_or_nobody gives. */
static bool living_is(void *arg)
{
    const struct living_count *c = arg;
    return case_count_living() == c->n && case_count_living() == c->n;
}

bool case_wait_living(size_t n, double seconds)
{
    struct living_count c = {n};
    return dk_wait_until(living_is, &c, dk_deadline_in(seconds));
}

pid_t case_pidfile_pid(const char *path)
{
    const char *text = sandbox_read(path, NULL);
    char *end;
    long pid = text ? strtol(text, &end, 10) : 0;
    const char *rest = text && pid > 0 ? case_after_line_end(end) : NULL;
    return rest != NULL && *rest == '\0' ? (pid_t)pid : 0;
}
