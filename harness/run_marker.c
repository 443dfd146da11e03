/* run_marker.c: the owner marker of a run directory, and reaping the
 * runs whose owner is gone, where there is no /proc (macOS, FreeBSD;
 * run_marker_linux.c on Linux). What it asks of a process, its start time
 * and whether its environment carries the run's DKCHECK_RUNDIR, comes from
 * the OS's observe backend (observe_scan.h). What a run leaves that no
 * longer carries the marker (a subject that clears its environment, or one
 * of another user, whose environment is not shown to us) is not found:
 * that is the honest limit without a PID namespace. */
#include "isolate.h"

#include "observe_scan.h"
#include "teardown.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MARKER "owner"
#define RUN_PREFIX "dkcheck."

int dk_mark_run(const char *run_dir)
{
    /* Written beside, then linked into place, so a reaper never reads it
     * half written (see run_marker_linux.c). */
    char path[PATH_MAX + sizeof MARKER + 1], part[PATH_MAX + sizeof MARKER + 8];
    snprintf(path, sizeof path, "%s/" MARKER, run_dir);
    snprintf(part, sizeof part, "%s/" MARKER ".part", run_dir);
    FILE *f = fopen(part, "wx");
    if (f == NULL)
        return -1;
    fprintf(f, "%d %llu\n", (int)getpid(), obs__start_time(getpid()));
    int rc = fclose(f) == 0 ? link(part, path) : -1;
    int err = errno;
    unlink(part);
    errno = err;
    return rc;
}

static bool owner_alive(const char *run_dir)
{
    char path[PATH_MAX + sizeof MARKER + 1];
    snprintf(path, sizeof path, "%s/" MARKER, run_dir);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return true; /* not a marked run: not ours to judge */
    int pid = 0;
    unsigned long long when = 0;
    int got = fscanf(f, "%d %llu", &pid, &when);
    fclose(f);
    return got == 2 && pid > 0 && obs__start_time(pid) == when;
}

static size_t kill_carriers(const char *run_dir)
{
    char want[PATH_MAX + 32];
    size_t killed = 0;

    snprintf(want, sizeof want, "DKCHECK_RUNDIR=%s", run_dir);
    for (int pass = 0; pass < 100; pass++) {
        obs__proc *v;
        ssize_t n = obs__scan(&v);
        size_t this_pass = 0;
        if (n < 0)
            return killed;
        for (ssize_t i = 0; i < n; i++)
            if (v[i].pid > 1 && v[i].pid != getpid() && v[i].state != 'Z' &&
                obs__env_has(v[i].pid, want) && kill(v[i].pid, SIGKILL) == 0)
                this_pass++;
        free(v);
        killed += this_pass;
        if (this_pass == 0)
            break;
    }
    return killed;
}

size_t dk_reap_stale_runs(const char *tmp_dir, bool verbose)
{
    DIR *d = opendir(tmp_dir);
    if (d == NULL)
        return 0;
    size_t reaped = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char run_dir[PATH_MAX];
        if (strncmp(e->d_name, RUN_PREFIX, strlen(RUN_PREFIX)) != 0 ||
            snprintf(run_dir, sizeof run_dir, "%s/%s", tmp_dir, e->d_name) >=
                (int)sizeof run_dir ||
            owner_alive(run_dir))
            continue;
        size_t killed = kill_carriers(run_dir);
        int removed = dk_remove_tree(run_dir);
        if (verbose)
            fprintf(stderr, "dkcheck: reaped stale run %s: %zu process%s "
                            "killed, directory %s\n",
                    run_dir, killed, killed == 1 ? "" : "es",
                    removed == 0 ? "removed" : strerror(errno));
        reaped++;
    }
    closedir(d);
    return reaped;
}
