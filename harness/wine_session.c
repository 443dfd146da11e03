#include "wine_session.h"

#include "observe.h"
#include "run_config.h"

#include "wine_reap.h"
#include "wine_tmpdirs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* Concurrent runs share a prefix, and with it one wineserver and one
 * Windows temporary directory. Each run holds a shared lock on
 * PREFIX/dkcheck-users.lock while it uses Wine; only the last one out
 * (the one that can take it exclusively) ends a server a dkcheck run
 * started (PREFIX/dkcheck-server says one did) and removes the state
 * files failed daemons left. Ending the server, or removing those files,
 * while another run is in the middle of its cases would fail its cases: a
 * W9 case saw its state file removed under it by a neighbour's clean-up. */
static int users_lock = -1;

static const char *in_prefix(const char *name, char *out, size_t size)
{
    snprintf(out, size, "%s/%s", getenv("WINEPREFIX"), name);
    return out;
}

bool dk_subject_is_windows(const char *program)
{
    size_t n = strlen(program);
    if (n > 4 && strcasecmp(program + n - 4, ".exe") == 0)
        return true;
    char magic[2];
    int fd = open(program, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool mz = read(fd, magic, 2) == 2 && magic[0] == 'M' && magic[1] == 'Z';
    close(fd);
    return mz;
}

const char *dk_wine_unwrap(const char *subject)
{
    const char *p = subject + strspn(subject, " \t");
    size_t n = strcspn(p, " \t");
    const char *base = p + n;
    while (base > p && base[-1] != '/')     /* after the last '/' */
        base--;
    size_t len = (size_t)(p + n - base);
    if (!((len == 4 && strncmp(base, "wine", 4) == 0) ||
          (len == 6 && strncmp(base, "wine64", 6) == 0)))
        return subject;
    const char *rest = p + n + strspn(p + n, " \t");
    char program[4096];
    snprintf(program, sizeof program, "%.*s", (int)strcspn(rest, " \t"), rest);
    return program[0] != '\0' && dk_subject_is_windows(program) ? rest : subject;
}

bool dk_wine_installed(void)
{
    const char *path = getenv("PATH");
    char full[PATH_MAX];
    for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
        size_t n = strcspn(p, ":");
        snprintf(full, sizeof full, "%.*s/wine", (int)n, p);
        if (access(full, X_OK) == 0)
            return true;
        p += n + (p[n] == ':');
    }
    return false;
}

const char *dk_wine_probe(void)
{
    static char path[PATH_MAX];
    const char *given = run_config()->win_probe;
    if (given != NULL)
        return given;
    if (path[0] == '\0') {
        if (obs_read_exe(getpid(), path, sizeof path - 32) < 0)
            path[0] = '\0';
        char *slash = strrchr(path, '/');
        /* 32 bytes were left free for the name. */
        // NOLINTNEXTLINE(clang-analyzer-security.insecureAPI.strcpy)
        strcpy(slash ? slash + 1 : path, "win/dkprobe.exe");
    }
    return path;
}

/* Run argv with stdout into out (if not NULL); its exit code, or -1. */
static int run(const char *const *argv, char *out, size_t size)
{
    int p[2];
    if (pipe(p) < 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(out ? p[1] : null, 1);
        dup2(null, 2);
        close(p[0]);
        close(p[1]);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(p[1]);
    size_t len = 0;
    ssize_t r;
    while (out && len + 1 < size && (r = read(p[0], out + len, size - 1 - len)) > 0)
        len += (size_t)r;
    if (out)
        out[len] = '\0';
    close(p[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* "C:\users\x\Temp\" -> PREFIX/dosdevices/c:/users/x/Temp */
static void export_temp(const char *windows)
{
    const char *prefix = getenv("WINEPREFIX");
    char home_prefix[PATH_MAX];
    if (prefix == NULL) {
        snprintf(home_prefix, sizeof home_prefix, "%s/.wine",
                 getenv("HOME") ? getenv("HOME") : "");
        prefix = home_prefix;
    }
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/dosdevices/%c:%s", prefix,
                     windows[0] | 0x20, windows + 2);
    for (int i = (int)strlen(prefix); i < n && i < (int)sizeof path; i++)
        if (path[i] == '\\')
            path[i] = '/';
    while (n > 1 && path[n - 1] == '/')
        path[--n] = '\0';
    run_config_set("DKCHECK_WIN_TEMP", path);
}

int dk_wine_begin(char *why, size_t why_size)
{
    if (!dk_wine_installed()) {
        snprintf(why, why_size, "wine is not installed");
        return -1;
    }
    /* The prefix named in every Wine process of ours, and in the run
     * directory, so that reaping a killed run can tell its Wine apart. */
    if (getenv("WINEPREFIX") == NULL) {
        char home_prefix[PATH_MAX];
        snprintf(home_prefix, sizeof home_prefix, "%s/.wine",
                 getenv("HOME") ? getenv("HOME") : "");
        setenv("WINEPREFIX", home_prefix, 1);
    }
    if (run_config()->rundir != NULL)
        dk_wine_mark_run(run_config()->rundir, getenv("WINEPREFIX"));
    dk_wine_tmpdirs_note();
    /* A prefix not made yet: made empty here, so that the server started
     * below is ours to end, and Wine fills the prefix under it. (Left to
     * the first `wine`, it comes with a server of its own, which ends
     * when it pleases and leaves its directory in /tmp.) */
    const char *prefix = getenv("WINEPREFIX");
    if (prefix != NULL && mkdir(prefix, 0755) == 0)
        fprintf(stderr, "dkcheck: making the Wine prefix %s (wineboot, once: "
                        "some seconds)\n", prefix);
    setenv("WINEDEBUG", "-all", 0);
    setenv("WINEDLLOVERRIDES", "winemenubuilder.exe=d", 0);
    char path[PATH_MAX];
    users_lock = open(in_prefix("dkcheck-users.lock", path, sizeof path),
                      O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    while (users_lock >= 0 && flock(users_lock, LOCK_SH) < 0 && errno == EINTR)
        ;
    /* Exit 0: we started it; otherwise one was running already (a
     * neighbour's, or a script's that ends it itself). Ended at exit too,
     * should dkcheck die before dk_wine_end. */
    const char *server[] = {"wineserver", "-p", NULL};
    if (run(server, NULL, 0) == 0) {
        int marker = open(in_prefix("dkcheck-server", path, sizeof path),
                          O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (marker >= 0)
            close(marker);
    }
    atexit(dk_wine_end);
    char temp[PATH_MAX];
    const char *probe[] = {"wine", dk_wine_probe(), "temp", NULL};
    if (run(probe, temp, sizeof temp) != 0 || temp[0] == '\0' || temp[1] != ':') {
        snprintf(why, why_size, "cannot run %s under wine", dk_wine_probe());
        dk_wine_end();
        return -1;
    }
    temp[strcspn(temp, "\r\n")] = '\0';
    export_temp(temp);
    return 0;
}

/* The last one out: end the server if a dkcheck run started it, and wait
 * until it and every Windows process of the prefix are gone. */
static bool end_server(const char *prefix)
{
    char marker[PATH_MAX], env[PATH_MAX + 16];
    snprintf(marker, sizeof marker, "%s/dkcheck-server", prefix);
    if (access(marker, F_OK) != 0)
        return false;
    snprintf(env, sizeof env, "WINEPREFIX=%s", prefix);
    const char *kill_server[] = {"env", env, "wineserver", "-k", NULL};
    const char *wait_server[] = {"env", env, "wineserver", "-w", NULL};
    run(kill_server, NULL, 0);
    run(wait_server, NULL, 0);
    /* Only now: a run killed before this point leaves the marker, and the
     * reaper of that run ends the server in its place. */
    unlink(marker);
    dk_wine_remove_server_dir(prefix);
    return true;
}

void dk_wine_end(void)
{
    if (users_lock < 0)
        return;
    bool last = flock(users_lock, LOCK_EX | LOCK_NB) == 0;
    if (last) {
        const char *temp = run_config()->win_temp;
        DIR *d = temp ? opendir(temp) : NULL;
        for (struct dirent *e; d && (e = readdir(d)) != NULL;)
            if (strncmp(e->d_name, "dkstate-", 8) == 0)
                unlinkat(dirfd(d), e->d_name, 0);
        if (d)
            closedir(d);
        bool ended = end_server(getenv("WINEPREFIX"));
        /* The server directories this run caused, wherever Wine put them. */
        dk_wine_tmpdirs_sweep(getenv("WINEPREFIX"), ended);
    }
    close(users_lock); /* after the server is gone: the next run starts anew */
    users_lock = -1;
}

void dk_wine_end_unused(const char *prefix)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/dkcheck-users.lock", prefix);
    int fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return;
    if (flock(fd, LOCK_EX | LOCK_NB) == 0)
        end_server(prefix);
    close(fd);
}
