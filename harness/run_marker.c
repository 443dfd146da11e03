/* run_marker.c: the owner marker of a run directory, and reaping the
 * runs whose owner is gone (killed, or its machine's dkcheck crashed). The
 * same on every Unix: what it asks of a process, its start time and
 * whether its environment carries the run's DKCHECK_RUNDIR, comes from the
 * OS's observe backend (observe_scan.h), and, on Linux, whether it uses a
 * file in the run directory (a subject that clears its environment). Where
 * there is no PID namespace (macOS, FreeBSD), what a run leaves that no
 * longer carries the marker (a subject that clears its environment, or a
 * process of another user, whose environment is not shown to us) is not
 * found. */
#include "isolate.h"
#include "run_guard.h"

#include "observe.h"
#include "observe_scan.h"
#include "teardown.h"
#include "wine_reap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MARKER "owner"
#define RUN_PREFIX "dkcheck."

int dk_mark_run(const char *run_dir)
{
    /* Written beside, then linked into place: a marker created empty and
     * filled afterwards looks, to a reaper reading it in between, like one
     * naming no live owner, and the live run would be reaped. */
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

/* Whether the run's owner lives; *owner gets its PID when the marker
 * names one. */
static bool owner_alive(const char *run_dir, int *owner)
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
    *owner = got == 2 ? pid : 0;
    return got == 2 && pid > 0 && obs__start_time(pid) == when;
}

/* Criterion's runner listens on /tmp/criterion_<its PID>.sock, which a
 * killed run leaves behind; the runner has the owner's PID (see
 * isolate_linux.c), so the stale run names it. */
static void remove_criterion_socket(int owner)
{
    char path[64];
    struct stat st;
    snprintf(path, sizeof path, "/tmp/criterion_%d.sock", owner);
    if (owner > 0 && lstat(path, &st) == 0 && S_ISSOCK(st.st_mode))
        unlink(path);
    /* BoxFort's arena, named after the runner too, where the run had no
     * /dev/shm of its own (without a namespace). */
    snprintf(path, sizeof path, "/dev/shm/bxf_arena_%d", owner);
    if (owner > 0 && lstat(path, &st) == 0 && S_ISREG(st.st_mode))
        unlink(path);
}

/* SIGKILL every process carrying run_dir in its environment, or using a
 * file in it (a daemon that sanitized its environment still holds its PID
 * file), until none is left (one may fork while we scan). Returns how many
 * were killed. */
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
        for (ssize_t i = 0; i < n; i++) {
            pid_t pid = v[i].pid;
            if (pid > 1 && pid != getpid() &&
                (obs__env_has(pid, want) || obs__uses_dir(pid, run_dir)) &&
                !dk_wine_serves_others(pid, run_dir) && kill(pid, SIGKILL) == 0)
                this_pass++;
        }
        free(v);
        killed += this_pass;
        if (this_pass == 0)
            break;
    }
    return killed;
}

/* No such process, or only its zombie (just killed, not yet waited for). */
static bool gone(pid_t pid)
{
    if (kill(pid, 0) < 0)
        return errno == ESRCH;
    return !obs_alive(pid);
}

/* BoxFort's runner makes /dev/shm/bxfi_<worker PID> for each worker, which
 * the worker unlinks once it has opened it: one named after a PID that no
 * longer exists was left by a run killed in between. (A run in a namespace
 * has a /dev/shm of its own, which went with it.) */
static void remove_orphaned_instances(void)
{
    DIR *d = opendir("/dev/shm");
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char *end;
        if (strncmp(e->d_name, "bxfi_", 5) != 0)
            continue;
        long pid = strtol(e->d_name + 5, &end, 10);
        struct stat st;
        if (*end != '\0' || pid <= 1 || !gone((pid_t)pid))
            continue;
        if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(st.st_mode) && st.st_uid == geteuid())
            unlinkat(dirfd(d), e->d_name, 0);
    }
    closedir(d);
}

size_t dk_reap_stale_runs(const char *tmp_dir, bool verbose)
{
    DIR *d = opendir(tmp_dir);
    if (d == NULL)
        return 0;
    size_t reaped = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, RUN_PREFIX, strlen(RUN_PREFIX)) != 0)
            continue;
        char run_dir[PATH_MAX];
        if (snprintf(run_dir, sizeof run_dir, "%s/%s", tmp_dir, e->d_name) >=
            (int)sizeof run_dir)
            continue;
        int owner = 0;
        if (owner_alive(run_dir, &owner))
            continue;
        /* A guarded run's runner (run_guard.h) names Criterion's files. */
        int runner = 0;
        char runner_path[PATH_MAX + 16];
        snprintf(runner_path, sizeof runner_path, "%s/" DK_RUNNER_FILE, run_dir);
        FILE *rf = fopen(runner_path, "re");
        if (rf != NULL) {
            if (fscanf(rf, "%d", &runner) != 1)
                runner = 0;
            fclose(rf);
        }
        size_t killed = kill_carriers(run_dir);
        dk_wine_reap(run_dir);
        int removed = dk_remove_tree(run_dir);
        remove_criterion_socket(owner);
        if (runner > 0 && runner != owner)
            remove_criterion_socket(runner);
        if (verbose)
            fprintf(stderr, "dkcheck: reaped stale run %s: %zu process%s "
                            "killed, directory %s\n",
                    run_dir, killed, killed == 1 ? "" : "es",
                    removed == 0 ? "removed" : strerror(errno));
        reaped++;
    }
    closedir(d);
    /* After the runs' processes are killed: their workers are gone too. */
    remove_orphaned_instances();
    return reaped;
}
