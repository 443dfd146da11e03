/* orphan_workers_linux.c: orphan_workers.h from /proc. */
#include "orphan_workers.h"

#include "observe_scan.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Does pid hold a descriptor on the file arena names (or on it unlinked)? */
static bool holds(int procfd, long pid, const char *arena)
{
    char path[64];
    snprintf(path, sizeof path, "%ld/fd", pid);
    int fdir = openat(procfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fdir < 0 ? NULL : fdopendir(fdir);
    if (d == NULL) {
        if (fdir >= 0)
            close(fdir);
        return false;
    }
    bool found = false;
    size_t n = strlen(arena);
    for (struct dirent *e; !found && (e = readdir(d)) != NULL;) {
        char target[PATH_MAX];
        ssize_t len = readlinkat(dirfd(d), e->d_name, target, sizeof target - 1);
        if (len <= 0)
            continue;
        target[len] = '\0';
        found = strncmp(target, arena, n) == 0 &&
                (target[n] == '\0' || strcmp(target + n, " (deleted)") == 0);
    }
    closedir(d);
    return found;
}

static pid_t parent_of(int procfd, long pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "%ld/stat", pid);
    int fd = openat(procfd, path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    /* "PID (comm) STATE PPID ...": comm may hold anything, even ") ". */
    char *close_paren = strrchr(buf, ')');
    int ppid = 0;
    if (close_paren == NULL || sscanf(close_paren + 1, " %*c %d", &ppid) != 1)
        return 0;
    return (pid_t)ppid;
}

size_t dk_kill_orphan_workers(pid_t runner, unsigned long long runner_start)
{
    if (runner <= 1)
        return 0;
    char arena[64];
    snprintf(arena, sizeof arena, "/dev/shm/bxf_arena_%d", (int)runner);
    int procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = procfd < 0 ? NULL : fdopendir(dup(procfd));
    size_t killed = 0;
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        struct stat st;
        if (*end != '\0' || pid <= 1 || pid == getpid() || pid == runner ||
            fstatat(procfd, e->d_name, &st, 0) != 0 || st.st_uid != geteuid() ||
            !holds(procfd, pid, arena))
            continue;
        pid_t parent = parent_of(procfd, pid);
        if (parent == runner && obs__start_time(runner) != runner_start)
            continue; /* a live runner of another run, with the same PID */
        if (kill((pid_t)pid, SIGKILL) == 0)
            killed++;
    }
    if (d != NULL)
        closedir(d);
    if (procfd >= 0)
        close(procfd);
    return killed;
}
