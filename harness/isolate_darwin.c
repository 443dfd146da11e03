/* isolate_darwin.c: isolate.h on macOS, where the kernel offers neither
 * PID namespaces nor a child subreaper.
 *
 * dk_isolate_run says so once and refuses; the run is then held together
 * by its marker alone: every process of the run carries
 * DKCHECK_RUNDIR=<run dir> in its environment, which macOS shows to a
 * process of the same user through sysctl(KERN_PROCARGS2), and a stale
 * run's carriers are killed by that. What a run leaves that no longer
 * carries the marker (a subject that clears its environment, or one of
 * another user) is not found: that is the honest limit here.
 */
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
#include <sys/stat.h>
#include <sys/sysctl.h>
#include <unistd.h>

#define MARKER "owner"
#define RUN_PREFIX "dkcheck."

int dk_isolate_run(const char *run_dir)
{
    (void)run_dir;
    if (getenv("DKCHECK_NO_NAMESPACE") == NULL)
        fprintf(stderr, "dkcheck: macOS has no PID namespace and no "
                        "subreaper; isolating the run with run markers and "
                        "--reap only\n");
    errno = ENOSYS;
    return -1;
}

/* When pid started, in microseconds: with the PID, it names a process
 * uniquely (a PID alone may have been reused since). 0 if unknown. */
static unsigned long long start_time(pid_t pid)
{
    int mib[4] = { CTL_KERN, KERN_PROC, KERN_PROC_PID, (int)pid };
    struct kinfo_proc kp;
    size_t len = sizeof kp;

    if (sysctl(mib, 4, &kp, &len, NULL, 0) != 0 || len == 0)
        return 0;
    return (unsigned long long)kp.kp_proc.p_starttime.tv_sec * 1000000u +
           (unsigned long long)kp.kp_proc.p_starttime.tv_usec;
}

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
    fprintf(f, "%d %llu\n", (int)getpid(), start_time(getpid()));
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
    return got == 2 && pid > 0 && start_time(pid) == when;
}

/* Does pid's environment hold exactly "DKCHECK_RUNDIR=run_dir"?
 * KERN_PROCARGS2 answers with argc, the executable's path, padding, argc
 * arguments, then the environment, each NUL-terminated. */
static bool carries(pid_t pid, const char *run_dir)
{
    int mib[3] = { CTL_KERN, KERN_PROCARGS2, (int)pid };
    char want[PATH_MAX + 32];
    size_t len = 0;
    bool found = false;
    int argc;

    snprintf(want, sizeof want, "DKCHECK_RUNDIR=%s", run_dir);
    if (sysctl(mib, 3, NULL, &len, NULL, 0) != 0 || len <= sizeof argc)
        return false;
    char *buf = malloc(len), *end, *p;
    if (!buf || sysctl(mib, 3, buf, &len, NULL, 0) != 0) {
        free(buf);
        return false;
    }
    memcpy(&argc, buf, sizeof argc);
    p = buf + sizeof argc;
    end = buf + len;
    p = memchr(p, '\0', (size_t)(end - p));            /* past the path */
    while (p && p < end && *p == '\0')                 /* the padding */
        p++;
    for (int skip = argc; p && p < end && !found; skip--) {
        char *nul = memchr(p, '\0', (size_t)(end - p));
        if (!nul)
            break;
        found = skip <= 0 && strcmp(p, want) == 0;
        p = nul + 1;
    }
    free(buf);
    return found;
}

static size_t kill_carriers(const char *run_dir)
{
    size_t killed = 0;
    for (int pass = 0; pass < 100; pass++) {
        obs__proc *v;
        ssize_t n = obs__scan(&v);
        size_t this_pass = 0;
        if (n < 0)
            return killed;
        for (ssize_t i = 0; i < n; i++)
            if (v[i].pid > 1 && v[i].pid != getpid() && v[i].state != 'Z' &&
                carries(v[i].pid, run_dir) && kill(v[i].pid, SIGKILL) == 0)
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
