/* wine_busy_linux.c: wine_busy.h by the names in /proc/PID/comm. */
#include "wine_busy.h"

#include "observe.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool is_wineserver(const char *pid)
{
    char path[300], comm[32];
    snprintf(path, sizeof path, "/proc/%s/comm", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, comm, sizeof comm - 1);
    close(fd);
    comm[n > 0 ? n : 0] = '\0';
    return strncmp(comm, "wineserver", 10) == 0; /* wineserver64 too */
}

bool dk_wine_server_busy(void)
{
    DIR *d = opendir("/proc");
    if (d == NULL)
        return true;
    bool busy = false;
    struct dirent *e;
    while (!busy && (e = readdir(d)) != NULL) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9' ||
            !is_wineserver(e->d_name))
            continue;
        char state;
        busy = obs_read_liveliest_state((pid_t)atol(e->d_name), &state) == 0 &&
               (state == 'R' || state == 'D');
    }
    closedir(d);
    return busy;
}
