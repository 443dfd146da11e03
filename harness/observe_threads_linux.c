/* observe_threads_linux.c: obs_read_liveliest_state from every thread's
 * stat file (/proc/PID/task/TID/stat). /proc/PID/stat shows the main
 * thread only, which sleeps in many a runtime (Go's, a JVM's) while
 * another thread does the work. */
#include "observe.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Higher: livelier. A thread running or waiting for the processor (R),
 * or in an uninterruptible wait (D, usually I/O), is doing something. */
static int liveliness(char state)
{
    return state == 'R' ? 3 : state == 'D' ? 2 : 1;
}

int obs_read_liveliest_state(pid_t pid, char *state)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *d = opendir(path);
    if (d == NULL)
        return -1;
    int seen = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        char stat_path[320], buf[4096];
        snprintf(stat_path, sizeof stat_path, "/proc/%d/task/%s/stat",
                 (int)pid, e->d_name);
        int fd = open(stat_path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue; /* the thread ended meanwhile */
        ssize_t n = read(fd, buf, sizeof buf);
        close(fd);
        obs_stat st;
        if (n <= 0 || obs_parse_stat(buf, (size_t)n, &st) < 0)
            continue;
        if (seen == 0 || liveliness(st.state) > liveliness(*state))
            *state = st.state;
        seen++;
    }
    closedir(d);
    if (seen == 0)
        return errno = ESRCH, -1;
    return 0;
}
