/* observe_unread_bsd.c: what the macOS and FreeBSD backends do not read
 * yet, in one place.
 *
 * The environment (obs_read_environ): their kernels show the block a
 * process was started with (KERN_PROCARGS2, KERN_PROC_ENV), and the
 * library rewrites that block on Linux only, so D4 would judge here what
 * no daemonizer of ours changes: it SKIPs, saying the observer cannot
 * read it.
 *
 * The files a process uses (obs__uses_dir; proc_pidinfo's or kinfo_file's
 * to ask): a daemon that cleared its environment is not found by --reap
 * here, as run_marker.c says.
 *
 * Its threads' states (obs_read_liveliest_state): a process that outlived
 * a deadline is then never taken for a stuck one, and the case is
 * inconclusive (verdict.c). */
#include "observe.h"
#include "observe_scan.h"

#include <errno.h>

int obs_read_environ(pid_t pid, char *buf, size_t size, size_t *len)
{
    (void)pid;
    (void)buf;
    (void)size;
    *len = 0;
    errno = ENOTSUP;
    return -1;
}

bool obs__uses_dir(pid_t pid, const char *dir)
{
    (void)pid;
    (void)dir;
    return false;
}

int obs_read_liveliest_state(pid_t pid, char *state)
{
    (void)pid;
    (void)state;
    errno = ENOTSUP;
    return -1;
}

int obs_read_environ_array(pid_t pid, char *buf, size_t size, size_t *len)
{
    (void)pid;
    (void)buf;
    (void)size;
    *len = 0;
    errno = ENOTSUP;
    return -1;
}
