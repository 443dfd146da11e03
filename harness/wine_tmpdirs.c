#include "wine_tmpdirs.h"

#include "teardown.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_NOTED 256

static const char *tmps[2];
static char noted[2][MAX_NOTED][16];
static size_t n_noted[2];
static bool noting;

/* wine- and six characters: mkdtemp's name. */
static bool server_dir_name(const char *name)
{
    return strncmp(name, "wine-", 5) == 0 && strlen(name) == 11;
}

static bool was_noted(int t, const char *name)
{
    for (size_t i = 0; i < n_noted[t]; i++)
        if (strcmp(noted[t][i], name) == 0)
            return true;
    return false;
}

void dk_wine_tmpdirs_note(void)
{
    const char *tmp = getenv("TMPDIR");
    tmps[0] = tmp != NULL ? tmp : "/tmp";
    tmps[1] = strcmp(tmps[0], "/tmp") != 0 ? "/tmp" : NULL;
    for (int t = 0; t < 2; t++) {
        n_noted[t] = 0;
        DIR *d = tmps[t] ? opendir(tmps[t]) : NULL;
        for (struct dirent *e; d && (e = readdir(d)) != NULL;)
            if (server_dir_name(e->d_name) && n_noted[t] < MAX_NOTED)
                snprintf(noted[t][n_noted[t]++], sizeof noted[t][0], "%.*s",
                         (int)sizeof noted[t][0] - 1, e->d_name);
        if (d)
            closedir(d);
    }
    noting = true;
}

/* dir holds nothing, or (ours set) nothing but a directory named ours. */
static bool holds_only(int dirfd_, const char *ours)
{
    DIR *d = fdopendir(dup(dirfd_));
    if (d == NULL)
        return false;
    bool only = true;
    for (struct dirent *e; only && (e = readdir(d)) != NULL;) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        struct stat st;
        only = ours != NULL && strcmp(e->d_name, ours) == 0 &&
               fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
               S_ISDIR(st.st_mode);
    }
    closedir(d);
    return only;
}

void dk_wine_tmpdirs_sweep(const char *prefix, bool server_gone)
{
    if (!noting)
        return;
    noting = false;
    char ours[64] = "";
    struct stat st;
    if (server_gone && prefix != NULL && stat(prefix, &st) == 0)
        snprintf(ours, sizeof ours, "server-%llx-%llx",
                 (unsigned long long)st.st_dev, (unsigned long long)st.st_ino);
    for (int t = 0; t < 2; t++) {
        DIR *d = tmps[t] ? opendir(tmps[t]) : NULL;
        for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
            if (!server_dir_name(e->d_name) || was_noted(t, e->d_name))
                continue;
            /* /tmp is shared: a real directory of this user's, opened
             * without following a link, or nothing. */
            int fd = openat(dirfd(d), e->d_name,
                            O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (fd < 0)
                continue;
            bool mine = fstat(fd, &st) == 0 && st.st_uid == getuid() &&
                        holds_only(fd, ours[0] ? ours : NULL);
            close(fd);
            if (mine) {
                char path[PATH_MAX];
                snprintf(path, sizeof path, "%s/%s", tmps[t], e->d_name);
                dk_remove_tree(path);
            }
        }
        if (d)
            closedir(d);
    }
}
