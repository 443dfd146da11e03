/* safe_dir.c: safe_dir.h, on every Unix. */
#include "safe_dir.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LINKS 40 /* as the kernel's ELOOP bound */

static int walk(int at, const char *path, int *links, char *why, size_t size);

/* May we follow the symlink name in the directory at? */
static int link_trusted(int at, const char *name, char *why, size_t size)
{
    struct stat dir, link;
    if (fstat(at, &dir) != 0 || fstatat(at, name, &link, AT_SYMLINK_NOFOLLOW) != 0)
        return -1;
    bool shared = (dir.st_mode & S_ISVTX) && (dir.st_mode & S_IWOTH);
    if (!shared || link.st_uid == geteuid() || link.st_uid == dir.st_uid)
        return 0;
    snprintf(why, size, "passes through %s, a symlink of uid %ld in a shared "
             "directory", name, (long)link.st_uid);
    errno = EPERM;
    return -1;
}

/* Step from the directory at into name, following a trusted symlink by
 * walking its target in turn. Consumes at. */
static int step(int at, const char *name, int *links, char *why, size_t size)
{
    int next = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next >= 0 || (errno != ELOOP && errno != ENOTDIR)) {
        close(at);
        return next;
    }
    char target[PATH_MAX];
    ssize_t n = readlinkat(at, name, target, sizeof target - 1);
    if (n < 0 || link_trusted(at, name, why, size) < 0 || ++*links > MAX_LINKS) {
        if (n >= 0 && *links > MAX_LINKS)
            errno = ELOOP;
        int err = errno;
        close(at);
        errno = err;
        return -1;
    }
    target[n] = '\0';
    next = walk(at, target, links, why, size);
    int err = errno;
    close(at);
    errno = err;
    return next;
}

/* Walk path from the directory at (not consumed), one component at a time. */
static int walk(int at, const char *path, int *links, char *why, size_t size)
{
    int fd = open(path[0] == '/' ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (path[0] != '/' && at != AT_FDCWD) {
        if (fd >= 0)
            close(fd);
        fd = dup(at);
    }
    for (const char *p = path; fd >= 0 && *p != '\0';) {
        while (*p == '/')
            p++;
        size_t len = strcspn(p, "/");
        if (len == 0)
            break;
        char name[NAME_MAX + 1];
        if (len > NAME_MAX) {
            close(fd);
            errno = ENAMETOOLONG;
            return -1;
        }
        memcpy(name, p, len);
        name[len] = '\0';
        p += len;
        fd = step(fd, name, links, why, size);
    }
    return fd;
}

int dk_open_dir_safely(const char *dir, char *why, size_t size)
{
    int links = 0;
    why[0] = '\0';
    int fd = walk(AT_FDCWD, dir, &links, why, size);
    if (fd < 0 && why[0] == '\0')
        snprintf(why, size, "%s", strerror(errno));
    return fd;
}
