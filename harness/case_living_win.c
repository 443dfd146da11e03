/* case_living_win.c: case.h's processes of a case for the native
 * dkcheck.exe: those of its Job object (job_win.c), which holds every
 * process its launches started and nothing else. What case_living.c reads
 * of a Unix process (its stat, status, descriptors, signals) has no
 * counterpart here; those calls end the case BROKEN, and no case that
 * makes them is compiled in. */
#include "case_private.h"

#include "host.h"
#include "native_win.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t case_living(pid_t *out, size_t max)
{
    return dk_case_job_pids(out, max);
}

/* No process of a job is an ancestor that a kept one needs: a Windows
 * daemon keeps no parent alive (PIDs name no living parent chain). */
size_t case_living_beside(const pid_t *keep, size_t n_keep, pid_t *out,
                          size_t max)
{
    (void)keep;
    (void)n_keep;
    return case_living(out, max);
}

struct only_these {
    const pid_t *keep;
    size_t n_keep;
};

static bool only_these_live(void *arg)
{
    const struct only_these *o = arg;
    pid_t living[1024];
    size_t n = case_living(living, 1024);
    for (size_t i = 0; i < n; i++) {
        bool kept = false;
        for (size_t j = 0; j < o->n_keep; j++)
            kept = kept || living[i] == o->keep[j];
        if (!kept)
            return false;
    }
    return true;
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
    char *s = sandbox_alloc(n * 22 + 1);
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
    case_broken("no signals on Windows (kill(%d, %d)): a case for a Unix "
                "subject", (int)pid, signum);
}

bool case_fd_is(pid_t pid, int fd, const char *path, obs_fd *seen)
{
    (void)seen;
    case_broken("no descriptor of process %d to read natively (fd %d, %s)",
                (int)pid, fd, path);
}

obs_stat case_stat(pid_t pid)
{
    case_broken("no Unix state of process %d on Windows", (int)pid);
}

obs_status case_status(pid_t pid)
{
    case_broken("no Unix status of process %d on Windows", (int)pid);
}

const char *case_after_line_end(const char *end)
{
    if (end[0] == '\r' && host()->crlf_lines)
        end++;
    return end[0] == '\n' ? end + 1 : NULL;
}

static bool pidfile_holds_pid(void *path)
{
    const char *text = sandbox_read(path, NULL);
    char *end;
    return text != NULL && strtol(text, &end, 10) > 0 &&
           case_after_line_end(end) != NULL;
}

long case_wait_pidfile_pid(const char *path, double seconds)
{
    if (!dk_wait_until(pidfile_holds_pid, (void *)path, dk_deadline_in(seconds)))
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
    pid_t living[1024];
    return case_living(living, 1024);
}

static bool living_is(void *arg)
{
    return case_count_living() == *(const size_t *)arg;
}

bool case_wait_living(size_t n, double seconds)
{
    return dk_wait_until(living_is, &n, dk_deadline_in(seconds));
}

pid_t case_pidfile_pid(const char *path)
{
    const char *text = sandbox_read(path, NULL);
    char *end;
    long pid = text ? strtol(text, &end, 10) : 0;
    const char *rest = text && pid > 0 ? case_after_line_end(end) : NULL;
    return rest != NULL && *rest == '\0' ? (pid_t)pid : 0;
}
