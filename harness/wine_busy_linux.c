/* wine_busy_linux.c: wine_busy.h from /proc: our wineserver by its name
 * (/proc/PID/comm) and the directory it works in, the time a thread ran
 * from /proc/PID/task/TID/schedstat. */
#include "wine_busy.h"

#include "observe.h"
#include "wait.h"

#include <dirent.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The name of our prefix's server directory, which its wineserver works
 * in: "server-DEV-INODE" of the prefix, in hex, as Wine names it; "" when
 * the prefix cannot be told (every server is then taken for ours). */
static const char *our_server_dir(char *buf, size_t size)
{
    const char *prefix = getenv("WINEPREFIX"); /* wine_session.c set it */
    struct stat st;
    if (prefix == NULL || stat(prefix, &st) < 0)
        return "";
    snprintf(buf, size, "server-%llx-%llx", (unsigned long long)st.st_dev,
             (unsigned long long)st.st_ino);
    return buf;
}

/* pid is a wineserver (wineserver64 too) working for our prefix. */
static bool is_our_wineserver(const char *pid, const char *server_dir)
{
    char path[300], comm[32];
    snprintf(path, sizeof path, "/proc/%s/comm", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, comm, sizeof comm - 1);
    close(fd);
    comm[n > 0 ? n : 0] = '\0';
    if (strncmp(comm, "wineserver", 10) != 0)
        return false;
    if (server_dir[0] == '\0')
        return true;
    char cwd[PATH_MAX];
    snprintf(path, sizeof path, "/proc/%s/cwd", pid);
    ssize_t len = readlink(path, cwd, sizeof cwd - 1);
    if (len < 0)
        return true; /* cannot tell: ours, to be safe */
    cwd[len] = '\0';
    const char *base = strrchr(cwd, '/');
    return strcmp(base ? base + 1 : cwd, server_dir) == 0;
}

/* Our server waits in the kernel (reading the disk, as it does for a
 * process that starts); true also where /proc cannot be read. */
static bool server_blocked(void)
{
    DIR *d = opendir("/proc");
    if (d == NULL)
        return true;
    char buf[64];
    const char *server_dir = our_server_dir(buf, sizeof buf);
    bool busy = false;
    struct dirent *e;
    while (!busy && (e = readdir(d)) != NULL) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9' ||
            !is_our_wineserver(e->d_name, server_dir))
            continue;
        char state;
        busy = obs_read_liveliest_state((pid_t)atol(e->d_name), &state) == 0 &&
               state == 'D';
    }
    closedir(d);
    return busy;
}

/* The nanoseconds every thread of pid has run, together; -1 if pid is
 * gone or the kernel does not keep the figure (no CONFIG_SCHEDSTATS). */
static int run_time(pid_t pid, unsigned long long *ns)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *d = opendir(path);
    if (d == NULL)
        return -1;
    unsigned long long sum = 0;
    int threads = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        char stat_path[320], buf[128];
        snprintf(stat_path, sizeof stat_path, "/proc/%d/task/%s/schedstat",
                 (int)pid, e->d_name);
        int fd = open(stat_path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue; /* the thread ended meanwhile: the sum shows it */
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        buf[n > 0 ? n : 0] = '\0';
        unsigned long long ran;
        if (sscanf(buf, "%llu", &ran) == 1) {
            sum += ran;
            threads++;
        }
    }
    closedir(d);
    if (threads == 0)
        return -1;
    *ns = sum;
    return 0;
}

struct quiet {
    const pid_t *pids;
    size_t n;
    unsigned long long ran[64];
};

static bool something_worked(void *arg)
{
    const struct quiet *q = arg;
    for (size_t i = 0; i < q->n; i++) {
        unsigned long long ns;
        if (run_time(q->pids[i], &ns) < 0 || ns != q->ran[i])
            return true;
    }
    return false;
}

/* The processes last found quiet, and how long each had run then. */
static struct {
    size_t n;
    pid_t pids[64];
    unsigned long long ran[64];
} last_quiet;

/* pids are those last found quiet, and none has run since: quiet for
 * longer than that window already. (A case asks for each process it
 * waited on in turn, at the same moment.) */
static bool still_quiet(const pid_t *pids, size_t n)
{
    if (n == 0 || n != last_quiet.n ||
        memcmp(pids, last_quiet.pids, n * sizeof *pids) != 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned long long ns;
        if (run_time(pids[i], &ns) < 0 || ns != last_quiet.ran[i])
            return false;
    }
    return !server_blocked();
}

bool dk_wine_quiet(const pid_t *pids, size_t n, double seconds)
{
    struct quiet q = {pids, n, {0}};
    if (n > sizeof q.ran / sizeof q.ran[0])
        return false;
    if (still_quiet(pids, n))
        return true;
    for (size_t i = 0; i < n; i++)
        if (run_time(pids[i], &q.ran[i]) < 0)
            return false;
    /* The server is looked at before and after only. One that runs, or
     * waits for the processor, is no sign of work for the case: it wakes
     * every 16 ms for its clock, and at load 40 it is found waiting for
     * the processor at most looks. One starved for the whole window would
     * keep the case's threads from running, which shows. */
    if (server_blocked() ||
        dk_wait_until(something_worked, &q, dk_deadline_in(seconds)) ||
        server_blocked())
        return false;
    last_quiet.n = n;
    memcpy(last_quiet.pids, pids, n * sizeof *pids);
    memcpy(last_quiet.ran, q.ran, n * sizeof *q.ran);
    return true;
}
