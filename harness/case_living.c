/* case_living.c: the processes of a case (ours: spawned, or adopted as
 * the subreaper), counted, awaited and read; the subject's processes by
 * the run's host.h. */
#include "case_private.h"

#include "host.h"
#include "trace.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

size_t case_living(pid_t *out, size_t max)
{
    dk_reap_exited();
    /* A tracer (trace.h) is dkcheck's, not the subject's: left out, so
     * counted out before max applies. */
    pid_t all[4096];
    size_t n = obs_descendants(getpid(), all, 4096), kept = 0;
    for (size_t i = 0; i < n && kept < max; i++)
        if (!trace_is_tracer(all[i]))
            out[kept++] = all[i];
    return kept;
}

struct only_these {
    const pid_t *keep;
    size_t n_keep;
};

/* pid is an ancestor of a kept process, below us: the parent chain of a
 * daemon is fixed once it is made (an orphan goes to us, the subreaper),
 * so no later launch can put a process of its own there. */
static bool ancestor_of_kept(pid_t pid, const pid_t *keep, size_t n_keep)
{
    for (size_t j = 0; j < n_keep; j++) {
        pid_t p = keep[j];
        for (int depth = 0; depth < 64 && p > 1 && p != getpid(); depth++) {
            obs_stat st;
            if (obs_read_stat(p, &st) < 0)
                break;
            p = st.ppid;
            if (p == pid)
                return true;
        }
    }
    return false;
}

size_t case_living_beside(const pid_t *keep, size_t n_keep, pid_t *out,
                          size_t max)
{
    pid_t living[4096];
    size_t n = case_living(living, 4096), kept = 0;
    for (size_t i = 0; i < n && kept < max; i++)
        if (!ancestor_of_kept(living[i], keep, n_keep))
            out[kept++] = living[i];
    return kept;
}

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

void case_signal(pid_t pid, int signum)
{
    if (kill(pid, signum) < 0)
        case_broken("kill(%d, %d): %s", (int)pid, signum, strerror(errno));
}

bool case_fd_is(pid_t pid, int fd, const char *path, obs_fd *seen)
{
    obs_fd got;
    if (seen == NULL)
        seen = &got;
    memset(seen, 0, sizeof *seen);
    if (obs_read_fd(pid, fd, seen) < 0)
        return false;
    /* The same object, by device and inode where the observer tells them;
     * else by its path, resolved the same way on both sides. */
    struct stat want;
    if (stat(path, &want) < 0)
        return false;
    if (seen->have_id)
        return seen->dev == (unsigned long long)want.st_dev &&
               seen->ino == (unsigned long long)want.st_ino;
    char a[PATH_MAX], b[PATH_MAX];
    return realpath(seen->target, a) != NULL && realpath(path, b) != NULL &&
           strcmp(a, b) == 0;
}

obs_stat case_stat(pid_t pid)
{
    obs_stat st;
    if (obs_read_stat(pid, &st) < 0)
        cr_assert_fail("%scannot observe process %d: %s", case_current_context(), (int)pid,
                 strerror(errno));
    return st;
}

obs_status case_status(pid_t pid)
{
    obs_status st;
    if (obs_read_status(pid, &st) < 0)
        cr_assert_fail("%scannot observe process %d: %s", case_current_context(), (int)pid,
                 strerror(errno));
    return st;
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
