/* teardown_tree.c: dk_remove_tree, the same on every Unix, by directory
 * descriptors only. A path is resolved once, to open the top's parent;
 * from there every step is relative to a descriptor we hold, opened with
 * O_NOFOLLOW, so a directory swapped for a symlink while we walk (the
 * listing-then-unlink race of nftw) is unlinked as the symlink it now is,
 * never followed. A directory on another device (a mount) is left alone.
 * What a case made immutable in the tree is made plain first. */
#include "teardown.h"
#include "immutable.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

bool dk_plain_name(const char *name)
{
    return name != NULL && name[0] != '\0' && strcmp(name, ".") != 0 &&
           strcmp(name, "..") != 0 && strchr(name, '/') == NULL;
}

static int remove_at(int dirfd, const char *name, dev_t dev, int depth);

/* Clear the immutable and append-only flags of dirfd/name, where it is a
 * directory, or a regular file with no other link, of ours (a hard link
 * to someone else's immutable file is unlinked, never opened up). */
static void unlock_entry(int dirfd, const char *name)
{
    struct stat st;
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        st.st_uid != geteuid() ||
        !(S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && st.st_nlink == 1)))
        return;
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return;
    struct stat now;
    if (fstat(fd, &now) == 0 && now.st_dev == st.st_dev && now.st_ino == st.st_ino)
        dk_clear_locked_fd(fd);
    close(fd);
}

/* unlinkat, and once more after opening up what stops it, in a tree that
 * is ours (dirfd is inside it): a directory a subject's umask left
 * read-only (EACCES), or an immutable or append-only directory or file
 * (EPERM) that a case made so and a worker killed in the middle of it
 * never made plain again. */
static int unlink_in(int dirfd, const char *name, int flags, bool ours)
{
    if (unlinkat(dirfd, name, flags) == 0 || errno == ENOENT)
        return 0;
    if (!ours)
        return -1;
    if (errno == EACCES) {
        if (fchmod(dirfd, 0700) != 0)
            return -1;
    } else if (errno == EPERM) {
        dk_clear_locked_fd(dirfd);
        unlock_entry(dirfd, name);
    } else {
        return -1;
    }
    return unlinkat(dirfd, name, flags) == 0 || errno == ENOENT ? 0 : -1;
}

/* Open dirfd/name as the directory lstat saw (st), not through a symlink
 * and not on another device; on EACCES open it up first. */
static int open_dir_at(int dirfd, const char *name, const struct stat *st)
{
    int fd = openat(dirfd, name, DIR_FLAGS);
    if (fd < 0 && errno == EACCES &&
        fchmodat(dirfd, name, 0700, AT_SYMLINK_NOFOLLOW) == 0)
        fd = openat(dirfd, name, DIR_FLAGS);
    if (fd < 0)
        return -1;
    struct stat now;
    if (fstat(fd, &now) != 0 || now.st_dev != st->st_dev ||
        now.st_ino != st->st_ino) {
        close(fd);
        errno = EAGAIN; /* swapped under us: the caller looks again */
        return -1;
    }
    return fd;
}

/* Remove every entry of the directory fd (which stays open). */
static int empty_dir(int fd, dev_t dev, int depth)
{
    int listfd = dup(fd);
    DIR *d = listfd < 0 ? NULL : fdopendir(listfd);
    if (d == NULL) {
        if (listfd >= 0)
            close(listfd);
        return -1;
    }
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (dk_plain_name(e->d_name) && remove_at(fd, e->d_name, dev, depth) < 0)
            rc = -1;
    closedir(d);
    return rc;
}

static int remove_at(int dirfd, const char *name, dev_t dev, int depth)
{
    if (!dk_plain_name(name) || depth > 256) {
        errno = EINVAL;
        return -1;
    }
    for (int tries = 0; tries < 8; tries++) {
        struct stat st;
        if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            return errno == ENOENT ? 0 : -1;
        if (!S_ISDIR(st.st_mode))
            return unlink_in(dirfd, name, 0, depth > 0);
        if (st.st_dev != dev) {
            errno = EXDEV; /* a mount inside: not ours to empty */
            return -1;
        }
        int fd = open_dir_at(dirfd, name, &st);
        if (fd < 0 && errno == EAGAIN)
            continue;
        if (fd < 0)
            return errno == ENOENT ? 0 : -1;
        int rc = empty_dir(fd, dev, depth + 1);
        close(fd);
        if (rc == 0)
            rc = unlink_in(dirfd, name, AT_REMOVEDIR, depth > 0);
        return rc;
    }
    errno = EAGAIN;
    return -1;
}

int dk_remove_tree_at(int dirfd, const char *name)
{
    struct stat st;
    if (!dk_plain_name(name)) {
        errno = EINVAL;
        return -1;
    }
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? 0 : -1;
    return remove_at(dirfd, name, st.st_dev, 0);
}

int dk_remove_tree(const char *path)
{
    char parent[PATH_MAX];
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    if (slash == NULL)
        snprintf(parent, sizeof parent, ".");
    else if (slash == path)
        snprintf(parent, sizeof parent, "/");
    else if (snprintf(parent, sizeof parent, "%.*s", (int)(slash - path),
                      path) >= (int)sizeof parent) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int pfd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (pfd < 0)
        return errno == ENOENT ? 0 : -1;
    int rc = dk_remove_tree_at(pfd, name);
    int err = errno;
    close(pfd);
    errno = err;
    return rc;
}
