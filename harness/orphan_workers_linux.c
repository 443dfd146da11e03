/* orphan_workers_linux.c: orphan_workers.h from /proc. */
#include "orphan_workers.h"

#include "observe.h"
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
        obs_stat st_of;
        pid_t parent = obs_read_stat((pid_t)pid, &st_of) == 0 ? st_of.ppid : 0;
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
