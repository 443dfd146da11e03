#include "output_holders.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* The pipe's inode, from the "pipe:[N]" Linux shows as the link's target
 * (an id alone could be a file's of the same number on another device).
 * The macOS and FreeBSD observers name pipes otherwise: there no holder is
 * ever found, and a missing end of file is BROKEN, not a guess. */
static unsigned long long pipe_inode(const obs_fd *fd)
{
    unsigned long long ino;
    return sscanf(fd->target, "pipe:[%llu]", &ino) == 1 ? ino : 0;
}

const char *output_pipe_of(const launch *l, const obs_fd *fd)
{
    unsigned long long ino = pipe_inode(fd);
    if (ino == 0)
        return NULL;
    if (ino == sandbox_capture_pipe(l->out))
        return "stdout";
    if (ino == sandbox_capture_pipe(l->err))
        return "stderr";
    return NULL;
}

size_t output_holders(const launch *l, output_holder *out, size_t max)
{
    pid_t living[1024];
    size_t n_living = case_living(living, 1024), found = 0;
    for (size_t i = 0; i < n_living; i++) {
        size_t n_fds = 0;
        obs_fd *fds = obs_list_all_fds(living[i], &n_fds);
        if (fds == NULL)
            continue; /* gone since listed */
        for (size_t k = 0; k < n_fds; k++) {
            const char *stream = output_pipe_of(l, &fds[k]);
            if (stream == NULL)
                continue;
            if (found < max)
                out[found] = (output_holder){living[i], fds[k].fd, stream};
            found++;
        }
        free(fds);
    }
    return found;
}

static bool both_at_eof(void *arg)
{
    const launch *l = arg;
    return sandbox_capture_eof(l->out) && sandbox_capture_eof(l->err);
}

void output_expect_eof(launch *l, int lowest, int highest)
{
    if (dk_wait_until(both_at_eof, l, dk_deadline_in(CASE_DEADLINE)))
        return;
    /* No end of file yet: a FAIL needs the process and descriptor that
     * keep it away. */
    output_holder h[64];
    size_t n = output_holders(l, h, 64);
    if (n == 0 && both_at_eof(l))
        return; /* the last holder went while we looked */
    if (n == 0)
        case_broken("the launcher's %s pipe had no end of file "
                       "%gs after it exited, yet no process of the case "
                       "holds it", sandbox_capture_eof(l->out) ? "stderr"
                                                               : "stdout",
                       CASE_DEADLINE);
    for (size_t i = 0; i < n && i < 64; i++) {
        if (h[i].fd < lowest || h[i].fd > highest)
            continue;
        cr_expect_fail("%s %d keeps the launcher's %s open at fd %d, %gs "
                       "after the launcher exited and the daemon was "
                       "ready: the pipe never reaches end of file, so a "
                       "caller reading it (out=$(launcher ...)) never "
                       "returns",
                       h[i].pid == l->daemon ? "the daemon" : "process",
                       (int)h[i].pid, h[i].stream, h[i].fd, CASE_DEADLINE);
    }
}
