#include "steps.h"

/* One order for both places that close (the intermediate child and the
 * daemon): the PID file and the readiness socket first, the shielded fds
 * after them. */
size_t dk__daemon_keep(const dk_daemon_fds *fds, int report_fd, int *keep)
{
    size_t n = 0;
    keep[n++] = fds->pid_fd;
    keep[n++] = report_fd;
    if (fds->notify_fd >= 0)
        keep[n++] = fds->notify_fd;
    for (size_t i = 0; i < fds->n_shielded && i < DK_MAX_SHIELDED; i++)
        keep[n++] = fds->shielded[i];
    return n;
}
