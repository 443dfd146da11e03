/* wine_reap_linux.c: ending what a killed run on a Windows subject left. */
#include "wine_reap.h"

#include "run_root.h"
#include "teardown.h"
#include "wine_session.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define PREFIX_MARKER "wine-prefix"

/* The value of NAME in pid's environment, into buf; false if absent. */
static bool env_of(pid_t pid, const char *name, char *buf, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/environ", (int)pid);
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return false;
    size_t n = strlen(name);
    char *entry = NULL;
    size_t cap = 0;
    bool found = false;
    while (!found && getdelim(&entry, &cap, '\0', f) > 0)
        if (strncmp(entry, name, n) == 0 && entry[n] == '=') {
            snprintf(buf, size, "%s", entry + n + 1);
            found = true;
        }
    free(entry);
    fclose(f);
    return found;
}

/* Does a live process use prefix, other than those of run_dir's run (all
 * of them when run_dir is NULL)? */
static bool prefix_used(const char *prefix, const char *run_dir)
{
    DIR *d = opendir("/proc");
    if (d == NULL)
        return true; /* cannot tell: assume so, remove nothing */
    bool used = false;
    char value[PATH_MAX];
    for (struct dirent *e; !used && (e = readdir(d)) != NULL;) {
        char *end;
        long pid = strtol(e->d_name, &end, 10);
        if (*end != '\0' || pid <= 1 || pid == getpid())
            continue;
        if (!env_of((pid_t)pid, "WINEPREFIX", value, sizeof value) ||
            strcmp(value, prefix) != 0)
            continue;
        used = run_dir == NULL ||
               !env_of((pid_t)pid, "DKCHECK_RUNDIR", value, sizeof value) ||
               strcmp(value, run_dir) != 0;
    }
    closedir(d);
    return used;
}

int dk_wine_mark_run(const char *run_dir, const char *prefix)
{
    char path[PATH_MAX + sizeof PREFIX_MARKER + 1];
    snprintf(path, sizeof path, "%s/" PREFIX_MARKER, run_dir);
    FILE *f = fopen(path, "we");
    if (f == NULL)
        return -1;
    fputs(prefix, f);
    return fclose(f);
}

bool dk_wine_own_process(pid_t pid)
{
    char path[64], exe[PATH_MAX], cmd[64] = "";
    snprintf(path, sizeof path, "/proc/%d/exe", (int)pid);
    ssize_t n = readlink(path, exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    const char *base = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
    FILE *f = fopen(path, "re");
    if (f != NULL) {
        size_t got = fread(cmd, 1, sizeof cmd - 1, f);
        cmd[got] = '\0';
        fclose(f);
    }
    /* The server, and the services Wine starts for a prefix (services.exe,
     * winedevice.exe, plugplay.exe, svchost.exe...) or for a new console
     * (conhost.exe): all run from C:\windows\system32. */
    return strncmp(base, "wineserver", 10) == 0 ||
           strncasecmp(cmd, "C:\\windows\\system32\\", 20) == 0;
}

bool dk_wine_serves_others(pid_t pid, const char *run_dir)
{
    bool infrastructure = dk_wine_own_process(pid);
    char prefix[PATH_MAX];
    return infrastructure &&
           env_of(pid, "WINEPREFIX", prefix, sizeof prefix) &&
           prefix_used(prefix, run_dir);
}

/* The first line of dir/name (a regular file), into buf; "" if none. */
static void first_line(const char *dir, const char *name, char *buf,
                       size_t size)
{
    char path[PATH_MAX];
    buf[0] = '\0';
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    ssize_t n = -1;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        n = read(fd, buf, size - 1);
    if (fd >= 0)
        close(fd);
    buf[n > 0 ? n : 0] = '\0';
    buf[strcspn(buf, "\r\n")] = '\0';
}

/* Remove dir/name/ if it is a directory of ours holding a directory
 * server; true if it was there. */
static bool remove_if_serving(const char *dir, const char *name,
                              const char *server)
{
    if (!dk_plain_name(name))
        return false;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return false;
    int fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st, sv;
    bool serving = fd >= 0 && fstat(fd, &st) == 0 && st.st_uid == geteuid() &&
                   fstatat(fd, server, &sv, AT_SYMLINK_NOFOLLOW) == 0 &&
                   S_ISDIR(sv.st_mode);
    if (fd >= 0)
        close(fd);
    if (serving)
        dk_remove_tree_at(dfd, name);
    close(dfd);
    return serving;
}

void dk_wine_remove_server_dir(const char *prefix)
{
    struct stat st;
    if (prefix_used(prefix, NULL) || stat(prefix, &st) < 0)
        return;
    char server[64];
    snprintf(server, sizeof server, "server-%llx-%llx",
             (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
    char name[64];
    first_line(prefix, "wineserver", name, sizeof name);
    /* Only a directory of ours that holds this prefix's server. */
    if (!remove_if_serving(dk_tmp_dir(), name, server))
        remove_if_serving("/tmp", name, server);
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/.wine-%u", (unsigned)geteuid());
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (dfd < 0)
        return;
    if (dk_dir_check(dfd, dir, 0700, name, sizeof name) == 0)
        dk_remove_tree_at(dfd, server);
    close(dfd);
    rmdir(dir); /* if it held no other server */
}

void dk_wine_reap(int runfd)
{
    char prefix[PATH_MAX] = "";
    int fd = openat(runfd, PREFIX_MARKER, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    ssize_t n = -1;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_uid == geteuid())
        n = read(fd, prefix, sizeof prefix - 1);
    if (fd >= 0)
        close(fd);
    prefix[n > 0 ? n : 0] = '\0';
    if (prefix[0] == '/') {
        dk_wine_end_unused(prefix);
        dk_wine_remove_server_dir(prefix);
    }
}
