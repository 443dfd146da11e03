/* util_linux.c: the driver's small helpers: clocks, run directories,
 * ready files, and ending everything a run made. */
#include "bench.h"

#include "../harness/teardown.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct timespec bench_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t;
}

double bench_us(struct timespec a, struct timespec b)
{
    return (double)(b.tv_sec - a.tv_sec) * 1e6 +
           (double)(b.tv_nsec - a.tv_nsec) / 1e3;
}

const char *bench_dir_new(void)
{
    static char path[PATH_MAX];
    const char *run = getenv("DKBENCH_RUNDIR");
    snprintf(path, sizeof path, "%s/XXXXXX", run ? run : "/tmp");
    if (mkdtemp(path) == NULL) {
        fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    return path;
}

void bench_dir_done(const char *dir)
{
    if (dk_remove_tree(dir) < 0)
        fprintf(stderr, "bench: cannot remove %s: %s\n", dir, strerror(errno));
}

pid_t bench_read_pid(const char *path)
{
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return -1;
    long pid = -1;
    if (fscanf(f, "%ld", &pid) != 1 || pid <= 1)
        pid = -1;
    fclose(f);
    return (pid_t)pid;
}

size_t bench_end_all(const char *ready)
{
    size_t killed = 0;
    pid_t daemon = ready ? bench_read_pid(ready) : -1;
    if (daemon > 0 && kill(daemon, SIGKILL) == 0)
        killed++;
    /* The intermediate child, a loser of a race, strace: whatever is left
     * below us (we are the subreaper, or init of our PID namespace). */
    return killed + dk_kill_descendants();
}
