/* created_files.c: the files a launch created besides its PID file (the
 * stdout and stderr logs), so that a launch that fails after creating them
 * leaves nothing (H8). Recorded by identity: a file that replaced one of
 * them is not ours to remove. */
#include "steps.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
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

dk_status dk__created_tell(int fd, const char *dir)
{
    for (size_t i = 0; i < n_made; i++) {
        char line[2 * PATH_MAX + 64];
        const char *path = made[i].path;
        int n = snprintf(line, sizeof line, "made %llu %llu %s%s%s\n",
                         (unsigned long long)made[i].dev,
                         (unsigned long long)made[i].ino,
                         path[0] == '/' ? "" : dir, path[0] == '/' ? "" : "/",
                         path);
        if (n > 0 && (size_t)n < sizeof line && strchr(path, '\n') == NULL)
            (void)!send(fd, line, (size_t)n, MSG_NOSIGNAL);
    }
    return DK_OK;
}
