/* report_file.c: report_file.h, the same on every Unix but for the
 * unnamed file (report_file_linux.c, report_file_none.c). */
#include "report_file.h"

#include "run_root.h"
#include "safe_dir.h"
#include "teardown.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return -1;
}

/* Split path into its directory (opened into r->dirfd) and name. */
static int open_dir(dk_report_file *r, const char *what, const char *path,
                    char *why, size_t size)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    char dir[4096];
    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path),
                 path);
    if (!dk_plain_name(name) ||
        snprintf(r->name, sizeof r->name, "%s", name) >= (int)sizeof r->name)
        return fail(why, size, "cannot write the %s report %s: it is a "
                    "directory", what, path);
    char reason[256];
    r->dirfd = dk_open_dir_safely(dir, reason, sizeof reason);
    if (r->dirfd < 0)
        return fail(why, size, "cannot write the %s report %s: its directory: "
                    "%s; refused", what, path, reason);
    return 0;
}

/* The target, if it exists, is a regular file. */
static int check_target(dk_report_file *r, const char *what, const char *path,
                        char *why, size_t size)
{
    struct stat st;
    if (fstatat(r->dirfd, r->name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? 0 : fail(why, size, "cannot write the %s "
                                          "report %s: %s", what, path,
                                          strerror(errno));
    if (S_ISDIR(st.st_mode))
        return fail(why, size, "cannot write the %s report %s: it is a "
                    "directory", what, path);
    if (S_ISLNK(st.st_mode))
        return fail(why, size, "cannot write the %s report %s: it is a "
                    "symlink, refused (give the file it names)", what, path);
    if (!S_ISREG(st.st_mode))
        return fail(why, size, "cannot write the %s report %s: not a regular "
                    "file, refused ('-' is standard output)", what, path);
    return 0;
}

/* A new name beside the target, made O_EXCL: nobody's file but ours. */
static int make_named(dk_report_file *r)
{
    for (int tries = 0; tries < 100; tries++) {
        char rnd[13];
        if (dk_random_hex(rnd, 12) < 0)
            return -1;
        snprintf(r->tmp, sizeof r->tmp, ".%.200s.dkcheck-%s", r->name, rnd);
        r->fd = openat(r->dirfd, r->tmp, O_WRONLY | O_CREAT | O_EXCL |
                       O_NOFOLLOW | O_CLOEXEC, 0644);
        if (r->fd >= 0)
            return 0;
        if (errno != EEXIST)
            break;
    }
    r->tmp[0] = '\0';
    return -1;
}

int dk_report_file_open(dk_report_file *r, const char *what, const char *path,
                        char *why, size_t size)
{
    r->dirfd = r->fd = -1;
    r->tmp[0] = '\0';
    if (open_dir(r, what, path, why, size) < 0)
        return -1;
    if (check_target(r, what, path, why, size) < 0) {
        dk_report_file_discard(r);
        return -1;
    }
    r->fd = dk_report_file_unnamed(r->dirfd);
    if (r->fd < 0 && make_named(r) < 0) {
        int err = errno;
        dk_report_file_discard(r);
        return fail(why, size, "cannot write the %s report %s: %s", what, path,
                    strerror(err));
    }
    fchmod(r->fd, 0644); /* whatever the umask took */
    snprintf(r->via, sizeof r->via, "/dev/fd/%d", r->fd);
    return 0;
}

int dk_report_file_commit(dk_report_file *r, const char *what,
                          const char *path, char *why, size_t size)
{
    struct stat st;
    if (fstat(r->fd, &st) != 0 || st.st_size == 0) {
        dk_report_file_discard(r);
        return fail(why, size, "the %s report %s was not written", what, path);
    }
    if (r->tmp[0] == '\0') {
        char rnd[13];
        if (dk_random_hex(rnd, 12) == 0)
            snprintf(r->tmp, sizeof r->tmp, ".%.200s.dkcheck-%s", r->name, rnd);
        if (r->tmp[0] == '\0' || dk_report_file_name(r->fd, r->dirfd, r->tmp) < 0)
            r->tmp[0] = '\0';
    }
    if (r->tmp[0] == '\0' || renameat(r->dirfd, r->tmp, r->dirfd, r->name) < 0) {
        int err = errno;
        dk_report_file_discard(r);
        return fail(why, size, "cannot move the %s report into %s: %s", what,
                    path, strerror(err));
    }
    r->tmp[0] = '\0';
    dk_report_file_discard(r);
    return 0;
}

void dk_report_file_discard(dk_report_file *r)
{
    if (r->tmp[0] != '\0' && r->dirfd >= 0)
        unlinkat(r->dirfd, r->tmp, 0);
    r->tmp[0] = '\0';
    if (r->fd >= 0)
        close(r->fd);
    if (r->dirfd >= 0)
        close(r->dirfd);
    r->fd = r->dirfd = -1;
}
