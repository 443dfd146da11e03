/* matrix.c: libdaemoniker under every caller state issue 24 names, driven
 * through its API (caller.c), each cell judged from outside: either a
 * whole daemon, or a clean refusal.
 *
 *   caller-matrix [--markdown] [FILTER]   run the cells (whose name holds
 *                                         FILTER), print the table
 *   caller-matrix --caller ARGS...        one caller (run by the matrix)
 *
 * A whole daemon: the launcher exits 0; the daemon's PID file names it and
 * the daemon holds its lock (F_GETLK); its 0, 1 and 2 are /dev/null; a
 * second launch on that PID file is refused and changes nothing; SIGTERM
 * ends it with status 143 and the PID file removed. A clean refusal: a
 * non-zero exit, exactly one line on stderr (when the cell left fd 2
 * open), no process left, and the cell's directory as it was. Anything
 * else FAILs the cell. Each cell runs in a process of its own, the child
 * subreaper, so that the daemon is its child to wait for; the file-system
 * cells in a mount namespace of their own (root only; they SKIP saying so
 * otherwise), so their small tmpfs mounts vanish with it. */
#include "caller.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum fs_kind { FS_NONE, FS_READ_ONLY, FS_FULL, FS_NO_INODES };

typedef struct cell {
    const char *name;
    const char *umask;
    const char *second;      /* "same", "other" or NULL */
    const char *timeout;     /* the daemon stalls; its launcher gives up */
    long nofile;
    long env_bytes;          /* -1: the matrix's own environment */
    unsigned closed;
    int threads;
    enum fs_kind fs;
    bool sigchld_ignored, all_blocked, daemon7;
} cell;

#define CELL(...) {__VA_ARGS__, .env_bytes = -1}
static const cell cells[] = {
    CELL(.name = "stdio: none closed"),
    CELL(.name = "stdio: 0 closed", .closed = 1),
    CELL(.name = "stdio: 1 closed", .closed = 2),
    CELL(.name = "stdio: 0,1 closed", .closed = 3),
    CELL(.name = "stdio: 2 closed", .closed = 4),
    CELL(.name = "stdio: 0,2 closed", .closed = 5),
    CELL(.name = "stdio: 1,2 closed", .closed = 6),
    CELL(.name = "stdio: 0,1,2 closed", .closed = 7),
    CELL(.name = "nofile 1", .nofile = 1),
    CELL(.name = "nofile 3", .nofile = 3),
    CELL(.name = "nofile 4", .nofile = 4),
    CELL(.name = "nofile 5", .nofile = 5),
    CELL(.name = "nofile 6", .nofile = 6),
    CELL(.name = "nofile 7", .nofile = 7),
    CELL(.name = "nofile 3, stdio 0,1,2 closed", .nofile = 3, .closed = 7),
    CELL(.name = "SIGCHLD ignored", .sigchld_ignored = true),
    CELL(.name = "every signal blocked", .all_blocked = true),
    CELL(.name = "SIGCHLD ignored, every signal blocked, 8 threads",
         .sigchld_ignored = true, .all_blocked = true, .threads = 8),
    CELL(.name = "8 busy threads", .threads = 8),
    {.name = "environment 0 bytes", .env_bytes = 0},
    {.name = "environment 1 000 bytes", .env_bytes = 1000},
    {.name = "environment 100 000 bytes", .env_bytes = 100000},
    {.name = "environment 1 000 000 bytes", .env_bytes = 1000000},
    {.name = "daemon7, environment 0 bytes", .env_bytes = 0, .daemon7 = true},
    {.name = "daemon7, environment 1 000 bytes", .env_bytes = 1000,
     .daemon7 = true},
    {.name = "daemon7, environment 100 000 bytes", .env_bytes = 100000,
     .daemon7 = true},
    {.name = "daemon7, environment 1 000 000 bytes", .env_bytes = 1000000,
     .daemon7 = true},
    CELL(.name = "umask 0", .umask = "0"),
    CELL(.name = "umask 0777", .umask = "0777"),
    CELL(.name = "umask 0777, stdio 0,1,2 closed", .umask = "0777",
         .closed = 7),
    CELL(.name = "second call, same PID file", .second = "same"),
    CELL(.name = "second call, another PID file", .second = "other"),
    CELL(.name = "launcher gives up (0.3 s) after the daemon made its log",
         .timeout = "0.3"),
    CELL(.name = "launcher gives up (1 us)", .timeout = "0.000001"),
    CELL(.name = "PID file on a read-only tmpfs", .fs = FS_READ_ONLY),
    CELL(.name = "PID file on a full tmpfs", .fs = FS_FULL),
    CELL(.name = "PID file on a tmpfs out of inodes", .fs = FS_NO_INODES),
};
#define N_CELLS (sizeof cells / sizeof cells[0])

/* ---- what a cell process reports: one line on a pipe ---- */

static int report_fd = -1;
static bool wait_none_left(unsigned seconds);

/* The cell process is the child subreaper: whatever of its launches still
 * lives (a daemon of a failed cell) is its child, and is ended here. */
static void end_children(void)
{
    for (int round = 0; round < 8; round++) {
        char path[64], buf[4096];
        snprintf(path, sizeof path, "/proc/self/task/%d/children", (int)getpid());
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            break;
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        buf[n > 0 ? n : 0] = '\0';
        if (n <= 0)
            break;
        for (char *p = buf; *p != '\0';) {
            char *end;
            long pid = strtol(p, &end, 10);
            if (end == p)
                break;
            kill((pid_t)pid, SIGKILL);
            p = end;
        }
        wait_none_left(5);
    }
}

static void report(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void report(const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n > sizeof line - 2)
        n = (int)sizeof line - 2;
    for (int i = 0; i < n; i++)
        if (line[i] == '\n')
            line[i] = ' ';
    while (n > 0 && line[n - 1] == ' ')
        n--;
    line[n++] = '\n';
    end_children();
    (void)!write(report_fd, line, (size_t)n);
    _exit(0);
}

/* ---- deadlines: a cell's waits end on an alarm, never on a sleep ---- */

static volatile sig_atomic_t expired;
static void on_alarm(int sig)
{
    (void)sig;
    expired = 1;
}

static void deadline(unsigned seconds)
{
    expired = 0;
    struct sigaction sa = {.sa_handler = on_alarm}; /* no SA_RESTART */
    sigaction(SIGALRM, &sa, NULL);
    alarm(seconds);
}

/* Wait for pid (a child: the launcher, or the daemon we adopted). */
static bool wait_for(pid_t pid, int *status, unsigned seconds)
{
    deadline(seconds);
    pid_t r;
    while ((r = waitpid(pid, status, 0)) < 0 && errno == EINTR && !expired)
        ;
    alarm(0);
    return r == pid;
}

/* Wait until no child is left; false if one outlives the deadline. */
static bool wait_none_left(unsigned seconds)
{
    deadline(seconds);
    while (waitpid(-1, NULL, 0) > 0 || (errno == EINTR && !expired))
        ;
    bool none = errno == ECHILD;
    alarm(0);
    return none;
}

/* ---- files ---- */

static char *read_text(const char *path, char *buf, size_t size)
{
    buf[0] = '\0';
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return NULL;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

/* "name name ..." of dir and of its sub-directory fs, sorted by readdir's
 * order being stable enough: sorted here. */
static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void listing(const char *dir, char *out, size_t size)
{
    char *names[256];
    size_t n = 0;
    const char *subs[2] = {"", "/fs"};
    for (int k = 0; k < 2; k++) {
        char path[4096];
        snprintf(path, sizeof path, "%s%s", dir, subs[k]);
        DIR *d = opendir(path);
        if (d == NULL)
            continue;
        struct dirent *e;
        while ((e = readdir(d)) != NULL && n < 256)
            if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
                char name[300];
                snprintf(name, sizeof name, "%s%s", k ? "fs/" : "", e->d_name);
                names[n++] = strdup(name);
            }
        closedir(d);
    }
    qsort(names, n, sizeof *names, cmp);
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", used ? " " : "", names[i]);
        free(names[i]);
    }
}

/* ---- the launch ---- */

static char self_path[4096];

/* The caller's environment: env_bytes of CALLER_PAD_N=xxx... entries (100
 * bytes each, the last shorter), or the matrix's own. */
static char **environment(long bytes)
{
    if (bytes < 0)
        return environ;
    size_t n = (size_t)(bytes / 100 + 2);
    char **env = calloc(n, sizeof *env);
    size_t k = 0;
    for (long left = bytes; left > 16 && k + 1 < n; k++) {
        long len = left > 100 ? 100 : left; /* with its NUL */
        char *e = malloc((size_t)len);
        int head = snprintf(e, (size_t)len, "CALLER_PAD_%zu=", k);
        memset(e + head, 'x', (size_t)(len - 1 - head));
        e[len - 1] = '\0';
        env[k] = e;
        left -= len;
    }
    env[k] = NULL;
    return env;
}

/* Start the caller; *err_fd the read end of its stderr. */
static pid_t launch(const cell *c, const char *dir, const char *pidfile,
                    const char *ready, const char *second, bool plain,
                    int *err_fd)
{
    char closed[8], nofile[24], threads[8];
    snprintf(closed, sizeof closed, "%u", plain ? 0 : c->closed);
    snprintf(nofile, sizeof nofile, "%ld", plain ? 0 : c->nofile);
    snprintf(threads, sizeof threads, "%d", plain ? 0 : c->threads);
    char *argv[40];
    int n = 0;
    argv[n++] = "caller-matrix";
    argv[n++] = "--caller";
    argv[n++] = "--pidfile", argv[n++] = (char *)pidfile;
    argv[n++] = "--ready", argv[n++] = (char *)ready;
    argv[n++] = "--closed", argv[n++] = closed;
    argv[n++] = "--nofile", argv[n++] = nofile;
    argv[n++] = "--threads", argv[n++] = threads;
    if (!plain && c->umask)
        argv[n++] = "--umask", argv[n++] = (char *)c->umask;
    if (!plain && c->sigchld_ignored)
        argv[n++] = "--sigchld-ignored";
    if (!plain && c->all_blocked)
        argv[n++] = "--all-blocked";
    if (c->daemon7)
        argv[n++] = "--daemon7";
    if (!plain && second)
        argv[n++] = "--second", argv[n++] = (char *)second;
    char log[1200];
    if (!plain && c->timeout) {
        snprintf(log, sizeof log, "%s/new.log", dir);
        argv[n++] = "--timeout", argv[n++] = (char *)c->timeout;
        argv[n++] = "--stdout", argv[n++] = log;
        argv[n++] = "--stall";
    }
    argv[n] = NULL;
    char **envp = environment(plain ? -1 : c->env_bytes);

    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        report("FAIL: pipe: %s", strerror(errno));
    pid_t pid = fork();
    if (pid < 0)
        report("FAIL: fork: %s", strerror(errno));
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(p[1], 2);
        execve(self_path, argv, envp);
        _exit(127);
    }
    close(p[1]);
    if (envp != environ) {
        for (char **e = envp; *e != NULL; e++)
            free(*e);
        free(envp);
    }
    *err_fd = p[0];
    return pid;
}

static void read_all(int fd, char *buf, size_t size)
{
    size_t len = 0;
    ssize_t r;
    deadline(30);
    while (len + 1 < size && (r = read(fd, buf + len, size - 1 - len)) != 0) {
        if (r < 0 && (errno != EINTR || expired))
            break;
        if (r > 0)
            len += (size_t)r;
    }
    alarm(0);
    buf[len] = '\0';
    close(fd);
}

static long lock_holder(const char *pidfile)
{
    int fd = open(pidfile, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return -1;
    struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    long holder = fcntl(fd, F_GETLK, &fl) < 0 ? -1
                  : fl.l_type == F_UNLCK      ? 0
                                              : (long)fl.l_pid;
    close(fd);
    return holder;
}

/* ---- a file system for the PID file (root, mount namespace) ---- */

static void fill(const char *dir, bool inodes)
{
    char path[4200], block[4096];
    memset(block, 'f', sizeof block);
    for (int i = 0; i < 100000; i++) {
        snprintf(path, sizeof path, "%s/filler-%d", dir, i);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0)
            return; /* out of inodes */
        while (!inodes && write(fd, block, sizeof block) > 0)
            ;
        close(fd);
        if (!inodes)
            return; /* out of blocks */
    }
}

static void mount_fs(const cell *c, const char *dir)
{
    if (unshare(CLONE_NEWNS) < 0)
        report("SKIP: needs a mount namespace of its own (root): "
               "unshare(CLONE_NEWNS): %s", strerror(errno));
    if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
        report("SKIP: cannot make the mounts private: %s", strerror(errno));
    char fs[1200];
    snprintf(fs, sizeof fs, "%s/fs", dir);
    mkdir(fs, 0755);
    const char *data = c->fs == FS_FULL ? "size=4k" : c->fs == FS_NO_INODES
                                                          ? "size=64k,nr_inodes=4"
                                                          : "size=64k";
    if (mount("tmpfs", fs, "tmpfs", 0, data) < 0)
        report("SKIP: cannot mount a tmpfs (%s): %s", data, strerror(errno));
    if (c->fs == FS_READ_ONLY &&
        mount("none", fs, NULL, MS_REMOUNT | MS_RDONLY, data) < 0)
        report("SKIP: cannot make the tmpfs read-only: %s", strerror(errno));
    if (c->fs != FS_READ_ONLY)
        fill(fs, c->fs == FS_NO_INODES);
}

/* ---- one cell, in a process of its own ---- */

static void run_cell(const cell *c, const char *dir)
{
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    char pidfile[4200], ready[4200], second[4200], ready2[4200];
    if (c->fs != FS_NONE)
        mount_fs(c, dir);
    snprintf(pidfile, sizeof pidfile, "%s/%sdaemon.pid", dir,
             c->fs != FS_NONE ? "fs/" : "");
    snprintf(ready, sizeof ready, "%s/ready", dir);
    snprintf(ready2, sizeof ready2, "%s/ready-second-launch", dir);
    const char *second_path = NULL;
    if (c->second != NULL) {
        if (strcmp(c->second, "same") == 0)
            snprintf(second, sizeof second, "%s", pidfile);
        else
            snprintf(second, sizeof second, "%s/other.pid", dir);
        second_path = second;
    }
    char before[4096], after[4096];
    listing(dir, before, sizeof before);

    int err_fd, status;
    pid_t launcher = launch(c, dir, pidfile, ready, second_path, false,
                            &err_fd);
    char err_text[2048];
    read_all(err_fd, err_text, sizeof err_text);
    if (!wait_for(launcher, &status, 30))
        report("FAIL: the launcher still runs after 30 s");
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

    if (code != 0) {
        size_t len = strlen(err_text);
        const char *nl = strchr(err_text, '\n');
        bool one = len > 1 && nl == err_text + len - 1;
        if (!(c->closed & 4) && !one)
            report("FAIL: refused (exit %d) without exactly one line on "
                   "stderr: \"%s\"", code, err_text);
        if (!wait_none_left(10))
            report("FAIL: refused (exit %d: %s) but a process of the launch "
                   "still lives", code, err_text);
        listing(dir, after, sizeof after);
        if (strcmp(before, after) != 0)
            report("FAIL: refused (exit %d: %s) but the directory changed: "
                   "[%s] -> [%s]", code, err_text, before, after);
        report("refused: %s", (c->closed & 4) ? "(stderr closed: no line "
                                                "to read)"
                                              : err_text);
    }

    char text[256];
    long pid = 0;
    char word[64] = "";
    if (read_text(ready, text, sizeof text) == NULL ||
        sscanf(text, "%ld %63s", &pid, word) != 2 || pid <= 0)
        report("FAIL: the launcher exited 0 but the ready file holds \"%s\"",
               text);
    const char *want = c->second ? "refused" : "ok";
    if (strcmp(word, want) != 0)
        report("FAIL: daemon %ld says \"%s\" (expected \"%s\")", pid, word,
               want);
    if (c->second && strcmp(c->second, "other") == 0 &&
        access(second, F_OK) == 0)
        report("FAIL: the refused second call left %s", second);
    char pidtext[64];
    long named = 0;
    if (read_text(pidfile, pidtext, sizeof pidtext) == NULL ||
        sscanf(pidtext, "%ld", &named) != 1 || named != pid)
        report("FAIL: the PID file holds \"%s\", not daemon %ld", pidtext, pid);
    long holder = lock_holder(pidfile);
    if (holder != pid)
        report("FAIL: the PID file's lock is held by %ld, not daemon %ld",
               holder, pid);
    for (int fd = 0; fd <= 2; fd++) {
        char link[64], target[4096] = "";
        snprintf(link, sizeof link, "/proc/%ld/fd/%d", pid, fd);
        ssize_t n = readlink(link, target, sizeof target - 1);
        target[n > 0 ? n : 0] = '\0';
        if (strcmp(target, "/dev/null") != 0)
            report("FAIL: fd %d of daemon %ld is \"%s\", not /dev/null", fd,
                   pid, n > 0 ? target : "closed");
    }
    /* A second launch on its PID file: refused, nothing changed. */
    pid_t again = launch(c, dir, pidfile, ready2, NULL, true, &err_fd);
    read_all(err_fd, err_text, sizeof err_text);
    if (!wait_for(again, &status, 30) || !WIFEXITED(status) ||
        WEXITSTATUS(status) == 0)
        report("FAIL: a second launch on daemon %ld's PID file was not "
               "refused", pid);
    if (kill((pid_t)pid, 0) < 0 || lock_holder(pidfile) != pid ||
        access(ready2, F_OK) == 0)
        report("FAIL: a refused second launch disturbed daemon %ld or its "
               "PID file", pid);
    /* SIGTERM: the daemon ends, its PID file goes. */
    kill((pid_t)pid, SIGTERM);
    if (!wait_for((pid_t)pid, &status, 10))
        report("FAIL: daemon %ld did not end on SIGTERM", pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 128 + SIGTERM)
        report("FAIL: daemon %ld ended on SIGTERM with wait status %#x", pid,
               (unsigned)status);
    if (access(pidfile, F_OK) == 0)
        report("FAIL: daemon %ld ended on SIGTERM but left its PID file", pid);
    unlink(ready);
    listing(dir, after, sizeof after);
    if (strcmp(before, after) != 0)
        report("FAIL: after the daemon ended the directory changed: [%s] -> "
               "[%s]", before, after);
    report("daemon: %slocked by the daemon, stdio on /dev/null, a second "
           "launch refused, SIGTERM: status 143, PID file gone",
           c->second ? "its second call refused (DK_ESTATE); PID file still "
                       : "PID file ");
}

/* Every "DIR/" in line removed: the table names files, not our temporary
 * directory (which differs every run). */
static void strip_dir(char *line, const char *dir)
{
    char prefix[1200];
    snprintf(prefix, sizeof prefix, "%s/", dir);
    size_t n = strlen(prefix);
    for (char *at; (at = strstr(line, prefix)) != NULL;)
        memmove(at, at + n, strlen(at + n) + 1);
}

static int rm_one(const char *path, const struct stat *st, int type,
                  struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return type == FTW_DP ? rmdir(path) : unlink(path);
}

/* The cell's directory, depth first, never following a symlink. */
static void rm_tree(const char *dir)
{
    nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--caller") == 0) {
        caller_state s;
        if (caller_parse(argc - 2, argv + 2, &s) < 0)
            return 2;
        return caller_run(&s);
    }
    bool markdown = argc >= 2 && strcmp(argv[1], "--markdown") == 0;
    const char *filter = argc >= 2 + markdown ? argv[1 + markdown] : "";
    ssize_t n = readlink("/proc/self/exe", self_path, sizeof self_path - 1);
    if (n <= 0) {
        fprintf(stderr, "caller-matrix: /proc/self/exe: %s\n", strerror(errno));
        return 2;
    }
    self_path[n] = '\0';
    char base[1024];
    snprintf(base, sizeof base, "%s/dkcaller.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(base) == NULL) {
        fprintf(stderr, "caller-matrix: mkdtemp: %s\n", strerror(errno));
        return 2;
    }
    size_t daemons = 0, refused = 0, skipped = 0, failed = 0, run = 0;
    if (markdown)
        printf("| cell | outcome | what was seen |\n|---|---|---|\n");
    for (size_t i = 0; i < N_CELLS; i++) {
        const cell *c = &cells[i];
        if (strstr(c->name, filter) == NULL)
            continue;
        run++;
        char dir[1100];
        snprintf(dir, sizeof dir, "%s/cell-%zu", base, i);
        mkdir(dir, 0755);
        int p[2];
        if (pipe2(p, O_CLOEXEC) < 0)
            return 2;
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            close(p[0]);
            report_fd = p[1];
            run_cell(c, dir);
        }
        close(p[1]);
        char line[1100];
        read_all(p[0], line, sizeof line);
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        line[strcspn(line, "\n")] = '\0';
        strip_dir(line, dir);
        if (line[0] == '\0')
            snprintf(line, sizeof line, "FAIL: the cell's process died "
                     "(wait status %#x) without a verdict", (unsigned)status);
        const char *outcome = strncmp(line, "daemon", 6) == 0    ? "daemon"
                              : strncmp(line, "refused", 7) == 0 ? "refused"
                              : strncmp(line, "SKIP", 4) == 0    ? "SKIP"
                                                                 : "FAIL";
        daemons += outcome[0] == 'd';
        refused += outcome[0] == 'r';
        skipped += outcome[0] == 'S';
        failed += outcome[0] == 'F';
        const char *detail = strchr(line, ':') ? strchr(line, ':') + 2 : "";
        if (markdown)
            printf("| %s | %s | %.160s |\n", c->name, outcome, detail);
        else
            printf("  %-52s %-8s %.150s\n", c->name, outcome, detail);
        rm_tree(dir);
    }
    rmdir(base);
    printf("%scells %zu: %zu whole daemons, %zu refused cleanly, %zu "
           "skipped, %zu failed\n", markdown ? "\n" : "", run, daemons,
           refused, skipped, failed);
    printf("caller-matrix: %zu passed, %zu failed, %zu skipped\n",
           daemons + refused, failed, skipped);
    return failed == 0 ? 0 : 1;
}
