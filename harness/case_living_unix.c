/* case_living_unix.c: case.h's processes of a case on Unix: ours,
 * spawned or adopted as the subreaper, found by the observer (observe.h),
 * signalled with kill(2), their descriptors and states read. */
#include "case_private.h"

#include "host.h"
#include "trace.h"
#include "wine_reap.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

size_t case_living(pid_t *out, size_t max)
{
    dk_reap_exited();
    /* A tracer (trace.h) is dkcheck's, not the subject's, and so are the
     * services Wine starts for a prefix from a Windows subject's launch
     * when none runs (wine_reap.h; six of them made W3 and H2 count
     * "6 processes of the subject left" after a refused launch): left
     * out, so counted out before max applies. */
    bool wine = host()->kind == DK_SUBJECT_WINDOWS;
    pid_t all[4096];
    size_t n = obs_descendants(getpid(), all, 4096), kept = 0;
    for (size_t i = 0; i < n && kept < max; i++)
        if (!trace_is_tracer(all[i]) && !(wine && dk_wine_own_process(all[i])))
            out[kept++] = all[i];
    return kept;
}

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

/* r, the observer's answer on pid: the case fails where it could not
 * look (errno says why). */
static void observed(int r, pid_t pid)
{
    if (r < 0)
        cr_assert_fail("%scannot observe process %d: %s", case_current_context(),
                       (int)pid, strerror(errno));
}

obs_stat case_stat(pid_t pid)
{
    obs_stat st;
    observed(obs_read_stat(pid, &st), pid);
    return st;
}

obs_status case_status(pid_t pid)
{
    obs_status st;
    observed(obs_read_status(pid, &st), pid);
    return st;
}
