/* H1 broken: exclusivity is a check followed, after the forks, by a
 * plain create, so launchers racing through the check all win. The window
 * is made wide (a second) so that the sampled race (H1_racing_launchers_
 * one_daemon) lands in it however slowly a loaded machine starts the
 * racers; the traced cases force it anyway.
 * wraps: dk__pidfile_create dk__pidfile_write dk__pidfile_still_ours
 */
#include "../../lib/unix/steps.h"

#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

dk_status __wrap_dk__pidfile_create(const char *path, int *fd, dk_error *err)
{
    if (access(path, F_OK) == 0)
        return dk__pidfile_explain(path, err);
    nanosleep(&(struct timespec){.tv_sec = 1}, NULL);
    /* A stand-in fd, so the daemon has something to keep. */
    *fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    return *fd < 0 ? DK_ESYS : DK_OK;
}

dk_status __wrap_dk__pidfile_write(int fd, const char *path, dk_error *err)
{
    (void)fd;
    (void)err;
    FILE *f = fopen(path, "we");
    if (f == NULL)
        return DK_ESYS;
    fprintf(f, "%ld\n", (long)getpid());
    fclose(f);
    return DK_OK;
}

/* Its readiness trusts the PID file's path, as the library did before it
 * checked that the path still names the file its daemon locked: that
 * check turns the race into a refusal of every launcher and hides the
 * broken step the race cases name. */
dk_status __wrap_dk__pidfile_still_ours(dk_error *err)
{
    (void)err;
    return DK_OK;
}
