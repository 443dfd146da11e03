/* run_marker.c: the run's directory and its owner marker (run_root.h
 * says what they are), and reaping the runs whose owner is gone (killed,
 * or its machine's dkcheck crashed). The same on every Unix: what it asks
 * of a process, its start time and whether its environment carries the
 * run's DKCHECK_RUNDIR and DKCHECK_RUN_TOKEN, comes from the OS's observe
 * backend (observe_scan.h).
 *
 * What the reaper trusts: only directories of its own private root
 * (nobody else can make or change anything there), markers that are
 * regular files of ours, and processes whose environment carries the
 * run's random token. A process that cleared its environment is found by
 * the files it uses only when it runs as our own user. */
#include "isolate.h"
#include "run_guard.h"

#include "criterion_names.h"
#include "observe.h"
#include "observe_scan.h"
#include "orphan_workers.h"
#include "run_config.h"
#include "run_root.h"
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
#define RUNNER DK_RUNNER_FILE /* the runner's PID: in its namespace, or the guarded one (run_guard.h) */

/* What a marker says. */
typedef struct run_owner {
    int pid;
    unsigned long long start;
    char token[DK_RUN_TOKEN_LEN + 1];
} run_owner;

static struct {
    int root;              /* the private root, open for the whole run */
    char name[64];         /* run.XXXXXX */
    char dir[PATH_MAX];    /* ROOT/run.XXXXXX */
    char token[DK_RUN_TOKEN_LEN + 1];
} the_run = {.root = -1};

/* Written beside, then linked into place: a marker created empty and
 * filled afterwards looks, to a reaper reading it in between, like one
 * naming no live owner, and the live run would be reaped. */
static int write_marker(int runfd, const char *token)
{
    int fd = openat(runfd, MARKER ".part",
                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    char line[128];
    int n = snprintf(line, sizeof line, "%d %llu %s\n", (int)getpid(),
                     obs__start_time(getpid()), token);
    int rc = write(fd, line, (size_t)n) == n ? 0 : -1;
    if (close(fd) != 0)
        rc = -1;
    if (rc == 0)
        rc = linkat(runfd, MARKER ".part", runfd, MARKER, 0);
    int err = errno;
    unlinkat(runfd, MARKER ".part", 0);
    errno = err;
    return rc;
}

/* The root, open, with a new run directory in it; -1 with why. */
static int make_run_dir(const char *tmp, char *why, size_t size)
{
    for (int tries = 0; tries < 10; tries++) {
        int root = dk_root_open(tmp, "", 0700, true, why, size);
        if (root < 0)
            return -1;
        if (dk_mkdtemp_at(root, DK_RUN_PREFIX, 0700, the_run.name,
                          sizeof the_run.name) == 0)
            return root;
        int err = errno;
        close(root);
        errno = err;
        if (err != ENOENT) /* ENOENT: a run beside us removed the root */
            break;
    }
    snprintf(why, size, "cannot create a run directory in %s/dkcheck-%ld: "
             "%s", tmp, (long)geteuid(), strerror(errno));
    return -1;
}

int dk_run_begin(const char *tmp, char *why, size_t size)
{
    if (dk_random_hex(the_run.token, DK_RUN_TOKEN_LEN) < 0) {
        snprintf(why, size, "cannot read /dev/urandom: %s", strerror(errno));
        return -1;
    }
    /* The public root (P1's) is checked now, not when a P1 case first
     * needs it: one another user made first is refused here, in one line,
     * rather than making those cases BROKEN. */
    int pub = -1;
    for (int tries = 0; pub < 0 && tries < 10; tries++) {
        pub = dk_root_open(tmp, ".pub", 0711, true, why, size);
        if (pub < 0 && errno != ENOENT)
            return -1; /* ENOENT: a run beside us removed it, empty, just then */
    }
    if (pub < 0)
        return -1;
    close(pub);
    int root = make_run_dir(tmp, why, size);
    if (root < 0) {
        dk_root_release(tmp, ".pub");
        return -1;
    }
    the_run.root = root;
    snprintf(the_run.dir, sizeof the_run.dir, "%s/dkcheck-%ld/%s", tmp,
             (long)geteuid(), the_run.name);
    int runfd = openat(root, the_run.name, O_RDONLY | O_DIRECTORY |
                       O_NOFOLLOW | O_CLOEXEC);
    if (runfd < 0 || write_marker(runfd, the_run.token) < 0) {
        snprintf(why, size, "cannot mark the run directory %s: %s",
                 the_run.dir, strerror(errno));
        if (runfd >= 0)
            close(runfd);
        dk_run_remove();
        return -1;
    }
    close(runfd);
    run_config_set("DKCHECK_RUNDIR", the_run.dir);
    run_config_set("DKCHECK_RUN_TOKEN", the_run.token);
    return 0;
}

int dk_run_note_runner(pid_t runner)
{
    if (the_run.root < 0)
        return -1;
    int runfd = openat(the_run.root, the_run.name, O_RDONLY | O_DIRECTORY |
                       O_NOFOLLOW | O_CLOEXEC);
    if (runfd < 0)
        return -1;
    int fd = openat(runfd, RUNNER, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                    O_CLOEXEC, 0600);
    close(runfd);
    if (fd < 0)
        return -1;
    /* The guarded runner (run_guard.h) is a process of this PID space:
     * its start time lets the reaper end it should the guard be killed
     * first. A runner in a PID namespace is the kernel's to end (0). */
    char line[64];
    unsigned long long start = runner == getpid() ? obs__start_time(runner) : 0;
    int n = snprintf(line, sizeof line, "%d %llu\n", (int)runner, start);
    int rc = write(fd, line, (size_t)n) == n ? 0 : -1;
    return close(fd) == 0 ? rc : -1;
}

const char *dk_run_dir(void)
{
    return the_run.root >= 0 ? the_run.dir : NULL;
}

/* The run's directory in the public root (P1's), if any. */
static void remove_public(const char *tmp, const char *name)
{
    char why[256];
    int pub = dk_root_open(tmp, ".pub", 0711, false, why, sizeof why);
    if (pub < 0)
        return;
    dk_remove_tree_at(pub, name);
    close(pub);
    dk_root_release(tmp, ".pub");
}

void dk_run_remove(void)
{
    if (the_run.root < 0)
        return;
    dk_remove_tree_at(the_run.root, the_run.name);
    remove_public(dk_tmp_dir(), the_run.name);
    close(the_run.root);
    the_run.root = -1;
    dk_root_release(dk_tmp_dir(), "");
    dk_root_release(dk_tmp_dir(), ".pub");
}

/* ---- reaping ------------------------------------------------------------ */

/* A small file of the run directory runfd, into buf: a regular file of
 * ours, not a symlink. 0, or -1. */
static int read_small(int runfd, const char *name, char *buf, size_t size)
{
    int fd = openat(runfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return -1;
    struct stat st;
    ssize_t n = -1;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid())
        n = read(fd, buf, size - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    return 0;
}

/* Read the marker of the run directory runfd: PID START TOKEN. 0, or -1
 * (not a marked run). */
static int read_marker(int runfd, run_owner *o)
{
    char buf[128];
    if (read_small(runfd, MARKER, buf, sizeof buf) < 0)
        return -1;
    char tail;
    if (sscanf(buf, "%d %llu %32[0-9a-f]%c", &o->pid, &o->start, o->token,
               &tail) != 4 || tail != '\n' || o->pid <= 0 ||
        strlen(o->token) != DK_RUN_TOKEN_LEN)
        return -1;
    return 0;
}

/* Does pid run as our own effective user? (Where the OS does not say,
 * no.) */
static bool ours(pid_t pid)
{
    obs_ids ids;
    return obs_read_ids(pid, &ids) == 0 && ids.uid[1] == (long)geteuid() &&
           ids.uid[0] == (long)geteuid();
}

/* Is pid a process of the run: its environment carries the run's
 * directory and token, or (a daemon that cleared its environment but
 * holds its PID file) it runs as us and uses a file in the directory. */
static bool of_run(pid_t pid, const char *want_dir, const char *want_token,
                   const char *run_dir)
{
    if (obs__env_has(pid, want_dir) && obs__env_has(pid, want_token))
        return true;
    return ours(pid) && obs__uses_dir(pid, run_dir);
}

/* SIGKILL every process of the run until none is left (one may fork
 * while we scan). Returns how many were killed. */
static size_t kill_carriers(const char *run_dir, const char *token)
{
    char want_dir[PATH_MAX + 32], want_token[DK_RUN_TOKEN_LEN + 32];
    size_t killed = 0;

    snprintf(want_dir, sizeof want_dir, "DKCHECK_RUNDIR=%s", run_dir);
    snprintf(want_token, sizeof want_token, "DKCHECK_RUN_TOKEN=%s", token);
    for (int pass = 0; pass < 100; pass++) {
        obs__proc *v;
        ssize_t n = obs__scan(&v);
        size_t this_pass = 0;
        if (n < 0)
            return killed;
        for (ssize_t i = 0; i < n; i++) {
            pid_t pid = v[i].pid;
            if (pid > 1 && pid != getpid() &&
                of_run(pid, want_dir, want_token, run_dir) &&
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

/* Remove dir/name if it is a file of ours of the given type (S_IFSOCK,
 * S_IFREG); in a sticky directory nobody else can swap it after the
 * check. */
static void unlink_ours(const char *dir, const char *name, mode_t type)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return;
    struct stat st;
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        (st.st_mode & S_IFMT) == type && st.st_uid == geteuid())
        unlinkat(dfd, name, 0);
    close(dfd);
}

/* Criterion's runner listens on /tmp/criterion_<its PID>.sock, which a
 * killed run without a namespace leaves behind; the runner has the
 * owner's PID. Only while no process has that PID: a live one may be
 * another run's runner, whose socket this now is. */
static void remove_criterion_socket(int owner)
{
    if (owner <= 1 || !gone(owner))
        return;
    char name[64];
    dk_criterion_socket_remove(owner);
    /* BoxFort's arena, named after the runner too, where the run had no
     * /dev/shm of its own (without a namespace). */
    snprintf(name, sizeof name, "bxf_arena_%d", owner);
    unlink_ours("/dev/shm", name, S_IFREG);
}

/* BoxFort's runner makes /dev/shm/bxfi_<worker PID> for each worker, which
 * the worker unlinks once it has opened it: one of ours named after a PID
 * that no longer exists was left by a run killed in between. (A run in a
 * namespace has a /dev/shm of its own, which went with it.) */
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

/* Reap the run root/name if its owner is gone; true if it was. */
static bool reap_one(int root, const char *tmp, const char *name, bool verbose)
{
    char why[256], dir[PATH_MAX];
    run_owner o;
    int runfd = openat(root, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
                       O_CLOEXEC);
    if (runfd < 0)
        return false;
    snprintf(dir, sizeof dir, "%s/dkcheck-%ld/%s", tmp, (long)geteuid(), name);
    bool stale = dk_dir_check(runfd, dir, 0700, why, sizeof why) == 0 &&
                 read_marker(runfd, &o) == 0 &&
                 obs__start_time(o.pid) != o.start;
    if (!stale) {
        close(runfd);
        return false; /* unmarked yet, or its owner lives */
    }
    /* A guarded runner outlives its killed guard and goes on starting
     * processes; it was forked, not exec'd, so its environment as the
     * kernel shows it lacks the run's token: it is ended by its PID and
     * start time, which only we could have written here. */
    char runner[64];
    int in_ns = 0;
    unsigned long long runner_start = 0;
    if (read_small(runfd, RUNNER, runner, sizeof runner) != 0 ||
        sscanf(runner, "%d %llu", &in_ns, &runner_start) < 1)
        in_ns = 0;
    size_t killed = 0;
    if (in_ns > 1 && runner_start != 0 && in_ns != getpid() &&
        obs__start_time(in_ns) == runner_start && kill(in_ns, SIGKILL) == 0)
        killed++;
    /* The workers it was starting, which the token does not find either. */
    if (in_ns > 1 && runner_start != 0)
        killed += dk_kill_orphan_workers(in_ns, runner_start);
    else
        killed += dk_kill_orphan_workers(o.pid, o.start);
    killed += kill_carriers(dir, o.token);
    dk_wine_reap(runfd);
    close(runfd);
    int removed = dk_remove_tree_at(root, name);
    remove_public(tmp, name);
    if (in_ns > 1)
        dk_criterion_socket_remove(in_ns);
    else
        remove_criterion_socket(o.pid);
    if (verbose)
        fprintf(stderr, "dkcheck: reaped stale run %s: %zu process%s "
                        "killed, directory %s\n",
                dir, killed, killed == 1 ? "" : "es",
                removed == 0 ? "removed" : strerror(errno));
    return true;
}

ssize_t dk_reap_stale_runs(const char *tmp, bool verbose, char *why,
                           size_t size)
{
    int root = dk_root_open(tmp, "", 0700, false, why, size);
    if (root < 0)
        return errno == ENOENT ? 0 : -1;
    int listfd = dup(root);
    DIR *d = listfd < 0 ? NULL : fdopendir(listfd);
    size_t reaped = 0;
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;)
        if (strncmp(e->d_name, DK_RUN_PREFIX, strlen(DK_RUN_PREFIX)) == 0 &&
            dk_plain_name(e->d_name) && reap_one(root, tmp, e->d_name, verbose))
            reaped++;
    if (d != NULL)
        closedir(d);
    close(root);
    dk_root_release(tmp, "");
    /* After the runs' processes are killed: their workers are gone too. */
    remove_orphaned_instances();
    return (ssize_t)reaped;
}
