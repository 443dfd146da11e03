/* created_files.c: the files a launch created besides its PID file (the
 * stdout and stderr logs), so that a launch that fails after creating them
 * leaves nothing (H8). Recorded by identity: a file that replaced one of
 * them is not ours to remove. */
#include "steps.h"

#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static struct {
    char path[PATH_MAX];
    dev_t dev;
    ino_t ino;
    pid_t owner;
} made[2];
static size_t n_made;

void dk__created_note(const char *path, int fd)
{
    struct stat st;
    if (n_made == sizeof made / sizeof made[0] || fstat(fd, &st) < 0)
        return;
    snprintf(made[n_made].path, sizeof made[n_made].path, "%s", path);
    made[n_made].dev = st.st_dev;
    made[n_made].ino = st.st_ino;
    made[n_made].owner = getpid();
    n_made++;
}

void dk__created_remove(void)
{
    for (size_t i = 0; i < n_made; i++) {
        struct stat st;
        if (made[i].owner == getpid() && lstat(made[i].path, &st) == 0 &&
            st.st_dev == made[i].dev && st.st_ino == made[i].ino)
            unlink(made[i].path);
    }
    n_made = 0;
}
