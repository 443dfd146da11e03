#include "steps.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* atexit handlers take no argument, so the one PID file lives here. */
static struct {
    char path[PATH_MAX];
    int fd;
    pid_t owner;
    bool armed;
    bool registered;
} pidfile_cleanup;

void dk__cleanup_run(void)
{
    if (!pidfile_cleanup.armed || pidfile_cleanup.owner != getpid())
        return;
    pidfile_cleanup.armed = false;
    struct stat ours, there;
    if (fstat(pidfile_cleanup.fd, &ours) == 0 &&
        lstat(pidfile_cleanup.path, &there) == 0 &&
        ours.st_dev == there.st_dev && ours.st_ino == there.st_ino)
        unlink(pidfile_cleanup.path);
}

static void cleanup_at_exit(void)
{
    dk__cleanup_run();
}

void dk__cleanup_register(const char *path, int fd)
{
    snprintf(pidfile_cleanup.path, sizeof pidfile_cleanup.path, "%s", path);
    pidfile_cleanup.fd = fd;
    pidfile_cleanup.owner = getpid();
    pidfile_cleanup.armed = true;
    if (!pidfile_cleanup.registered) {
        pidfile_cleanup.registered = true;
        atexit(cleanup_at_exit);
    }
}

dk_status dk__pidfile_still_ours(dk_error *err)
{
    if (!pidfile_cleanup.armed || pidfile_cleanup.owner != getpid())
        return DK_OK; /* no PID file of this process's to vouch for */
    struct stat ours, there;
    if (fstat(pidfile_cleanup.fd, &ours) < 0)
        return dk__fail(err, DK_ESYS, "H3", errno, "%s: fstat",
                        pidfile_cleanup.path);
    if (lstat(pidfile_cleanup.path, &there) < 0 ||
        ours.st_dev != there.st_dev || ours.st_ino != there.st_ino)
        return dk__fail(err, DK_ECHILD, "H3", 0,
                        "%s is no longer the PID file this daemon created "
                        "and locked (removed or replaced before it was "
                        "ready): not reporting ready",
                        pidfile_cleanup.path);
    return DK_OK;
}
