/* run_root.c: the private root and names made in it (run_root.h). The
 * same on every Unix. */
#include "run_root.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

const char *dk_tmp_dir(void)
{
    const char *t = getenv("TMPDIR");
    return t != NULL && t[0] == '/' ? t : "/tmp";
}

static int fail(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *why, size_t size, const char *fmt, ...)
{
    int err = errno;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    errno = err;
    return -1;
}

int dk_dir_check(int fd, const char *shown, mode_t mode, char *why,
                 size_t size)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return fail(why, size, "cannot check %s: %s", shown, strerror(errno));
    errno = EPERM;
    if (!S_ISDIR(st.st_mode))
        return fail(why, size, "%s is not a directory: refusing it", shown);
    if (st.st_uid != geteuid())
        return fail(why, size, "%s belongs to uid %ld, not to us (uid %ld): "
                    "refusing it (remove it, or set TMPDIR)", shown,
                    (long)st.st_uid, (long)geteuid());
    if ((st.st_mode & 07777) != mode)
        return fail(why, size, "%s has mode %04o, not %04o: refusing it",
                    shown, (unsigned)(st.st_mode & 07777), (unsigned)mode);
    return 0;
}

/* The root's device is tmp's: nothing mounted over the name by someone
 * else. */
static int same_device(int tmpfd, int fd, const char *shown, char *why,
                       size_t size)
{
    struct stat a, b;
    if (fstat(tmpfd, &a) != 0 || fstat(fd, &b) != 0)
        return fail(why, size, "cannot check %s: %s", shown, strerror(errno));
    errno = EPERM;
    return a.st_dev == b.st_dev
               ? 0 : fail(why, size, "%s is a mount point: refusing it", shown);
}

int dk_root_open(const char *tmp, const char *suffix, mode_t mode, bool create,
                 char *why, size_t size)
{
    char name[64], shown[4200];
    snprintf(name, sizeof name, "dkcheck-%ld%s", (long)geteuid(), suffix);
    snprintf(shown, sizeof shown, "%s/%s", tmp, name);
    int tmpfd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (tmpfd < 0)
        return fail(why, size, "cannot open %s: %s", tmp, strerror(errno));
    bool made = create && mkdirat(tmpfd, name, mode) == 0;
    int fd = openat(tmpfd, name, DIR_FLAGS);
    if (fd < 0) {
        int err = errno;
        struct stat st;
        bool link = fstatat(tmpfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
                    S_ISLNK(st.st_mode);
        close(tmpfd);
        errno = err;
        if (link)
            return fail(why, size, "%s is a symlink: refusing it", shown);
        return fail(why, size, "cannot open %s: %s", shown, strerror(err));
    }
    struct stat st;
    /* Made just now by us: the umask may have taken bits off. */
    if (made && fstat(fd, &st) == 0 && st.st_uid == geteuid())
        fchmod(fd, mode);
    int rc = dk_dir_check(fd, shown, mode, why, size);
    if (rc == 0)
        rc = same_device(tmpfd, fd, shown, why, size);
    close(tmpfd);
    if (rc < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

int dk_random_hex(char *buf, size_t n)
{
    unsigned char raw[64];
    size_t want = (n + 1) / 2;
    if (want > sizeof raw)
        return -1;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t got = read(fd, raw, want);
    close(fd);
    if (got != (ssize_t)want)
        return -1;
    for (size_t i = 0; i < n; i++)
        buf[i] = "0123456789abcdef"[(raw[i / 2] >> (i % 2 ? 0 : 4)) & 15];
    buf[n] = '\0';
    return 0;
}

int dk_mkdtemp_at(int dirfd, const char *prefix, mode_t mode, char *name,
                  size_t size)
{
    for (int tries = 0; tries < 100; tries++) {
        char suffix[13];
        if (dk_random_hex(suffix, 12) < 0)
            return -1;
        if (snprintf(name, size, "%s%s", prefix, suffix) >= (int)size) {
            errno = ENAMETOOLONG;
            return -1;
        }
        if (mkdirat(dirfd, name, mode) == 0) {
            /* Whatever the umask took: made just now, in a directory only
             * we write, it is ours. */
            int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
                            O_CLOEXEC);
            if (fd >= 0) {
                fchmod(fd, mode);
                close(fd);
            }
            return 0;
        }
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

void dk_root_release(const char *tmp, const char *suffix)
{
    char name[64];
    snprintf(name, sizeof name, "dkcheck-%ld%s", (long)geteuid(), suffix);
    int tmpfd = open(tmp, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (tmpfd < 0)
        return;
    struct stat st;
    /* Only an empty directory goes, and only one of ours. */
    if (fstatat(tmpfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        S_ISDIR(st.st_mode) && st.st_uid == geteuid())
        unlinkat(tmpfd, name, AT_REMOVEDIR);
    close(tmpfd);
}
