/* teardown_tree.c: dk_remove_tree, the same on every Unix (nftw). */
#include "teardown.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- removing ----------------------------------------------------------- */

static int remove_entry(const char *path, const struct stat *sb, int type,
                        struct FTW *ftw);

/* rmdir or unlink path; on EACCES (a tree left read-only by a subject's
 * umask) make the parent writable and try once more, but never touch the
 * parent of the top of the tree, which is not ours. */
static int remove_one(const char *path, bool dir, const struct FTW *ftw)
{
    char *parent;
    int r;

    if ((dir ? rmdir(path) : unlink(path)) == 0 || errno == ENOENT)
        return 0;
    if (errno != EACCES || ftw->level == 0)
        return -1;
    parent = strndup(path, (size_t)ftw->base);
    if (!parent)
        return -1;
    r = chmod(parent, 0700);
    free(parent);
    if (r != 0)
        return -1;
    return ((dir ? rmdir(path) : unlink(path)) == 0 || errno == ENOENT)
               ? 0 : -1;
}

static int remove_entry(const char *path, const struct stat *sb, int type,
                        struct FTW *ftw)
{
    int fd;

    (void)sb;
    switch (type) {
    case FTW_DP:
        return remove_one(path, true, ftw);
    case FTW_DNR:
        /* nftw could not list it, so it is not empty yet: open it up and
         * start over inside (only if it now opens, so this ends). */
        if (chmod(path, 0700) != 0)
            return -1;
        fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
            return -1;
        close(fd);
        return dk_remove_tree(path);
    default:                      /* files, symlinks (FTW_PHYS), FTW_NS */
        return remove_one(path, false, ftw);
    }
}

int dk_remove_tree(const char *path)
{
    struct stat st;

    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    /* FTW_PHYS: a symlink is an entry to unlink, never a way out of the
     * tree. FTW_MOUNT: another file system mounted inside is left alone
     * (its mount point then fails to rmdir, which is reported). */
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) == 0
               ? 0 : -1;
}
