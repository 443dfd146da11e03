/* observe_environ_none.c: obs_read_environ where it is not read (macOS,
 * FreeBSD). Their kernels show the block a process was started with
 * (KERN_PROCARGS2, KERN_PROC_ENV), and the library rewrites that block on
 * Linux only: D4 would judge here what no daemonizer of ours changes, so
 * it SKIPs, saying the observer cannot read it. */
#include "observe.h"

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
