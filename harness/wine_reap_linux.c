/* wine_reap_linux.c: ending what a killed run on a Windows subject left. */
#include "wine_reap.h"

#include "teardown.h"
#include "wine_session.h"

#include <dirent.h>
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

bool dk_wine_serves_others(pid_t pid, const char *run_dir)
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
     * winedevice.exe, plugplay.exe, svchost.exe...): not the subject's. */
    bool infrastructure = strncmp(base, "wineserver", 10) == 0 ||
                          strncasecmp(cmd, "C:\\windows\\system32\\", 20) == 0;
    char prefix[PATH_MAX];
    return infrastructure &&
           env_of(pid, "WINEPREFIX", prefix, sizeof prefix) &&
           prefix_used(prefix, run_dir);
}

void dk_wine_remove_server_dir(const char *prefix)
{
    struct stat st;
    if (prefix_used(prefix, NULL) || stat(prefix, &st) < 0)
        return;
    char server[64];
    snprintf(server, sizeof server, "server-%llx-%llx",
             (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
    char path[PATH_MAX], name[64] = "";
    snprintf(path, sizeof path, "%s/wineserver", prefix);
    FILE *f = fopen(path, "re");
    if (f != NULL) {
        if (fgets(name, sizeof name, f) == NULL)
            name[0] = '\0';
        fclose(f);
    }
    name[strcspn(name, "\r\n")] = '\0';
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    const char *tmps[] = {tmp, "/tmp"};
    char dir[PATH_MAX], check[PATH_MAX + 64];
    /* Only a directory that holds this prefix's server. */
    for (int i = 0; i < 2 && name[0] != '\0' && strchr(name, '/') == NULL; i++) {
        snprintf(dir, sizeof dir, "%s/%s", tmps[i], name);
        snprintf(check, sizeof check, "%s/%s", dir, server);
        if (lstat(check, &st) == 0 && S_ISDIR(st.st_mode))
            dk_remove_tree(dir);
    }
    snprintf(dir, sizeof dir, "/tmp/.wine-%u", (unsigned)getuid());
    snprintf(check, sizeof check, "%s/%s", dir, server);
    if (lstat(check, &st) == 0 && S_ISDIR(st.st_mode)) {
        dk_remove_tree(check);
        rmdir(dir); /* if it held no other server */
    }
}

void dk_wine_reap(const char *run_dir)
{
    char path[PATH_MAX + sizeof PREFIX_MARKER + 1], prefix[PATH_MAX] = "";
    snprintf(path, sizeof path, "%s/" PREFIX_MARKER, run_dir);
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return;
    if (fgets(prefix, sizeof prefix, f) == NULL)
        prefix[0] = '\0';
    fclose(f);
    if (prefix[0] != '\0') {
        dk_wine_end_unused(prefix);
        dk_wine_remove_server_dir(prefix);
    }
}
