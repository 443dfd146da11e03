#include "steps.h"

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
