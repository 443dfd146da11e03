/* test_safe_dir.c: unit tests of safe_dir.h: a symlink another user put
 * in a sticky, world-writable directory is not followed; ours is, and so
 * is one anywhere else. */
#include <criterion/criterion.h>

#include "../../harness/safe_dir.h"
#include "../../harness/teardown.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[PATH_MAX];

static void make_dir(void)
{
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(dir, sizeof dir, "%s/dksafe.XXXXXX", base);
    cr_assert_not_null(mkdtemp(dir));
}

static void drop_dir(void)
{
    dk_remove_tree(dir);
}

static const char *in_dir(const char *name)
{
    static char path[4][PATH_MAX + 64];
    static int i;
    i = (i + 1) % 4;
    snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
    return path[i];
}

/* dir/shared (mode 01777) holding link -> dir/private (0700). */
static void plant(uid_t owner)
{
    cr_assert_eq(mkdir(in_dir("private"), 0700), 0);
    cr_assert_eq(mkdir(in_dir("shared"), 0700), 0);
    cr_assert_eq(chmod(in_dir("shared"), 01777), 0);
    cr_assert_eq(symlink(in_dir("private"), in_dir("shared/link")), 0);
    if (owner != geteuid())
        cr_assert_eq(lchown(in_dir("shared/link"), owner, owner), 0);
}

Test(safe_dir, refuses_a_strangers_symlink_in_a_shared_dir, .init = make_dir,
     .fini = drop_dir)
{
    if (geteuid() != 0)
        cr_skip_test("needs root to give a symlink to another user");
    plant(65534);
    char why[256];
    int fd = dk_open_dir_safely(in_dir("shared/link"), why, sizeof why);
    cr_assert_eq(fd, -1, "a stranger's symlink in a sticky directory was followed");
    cr_assert(strstr(why, "symlink of uid 65534") != NULL, "reason: %s", why);
}

Test(safe_dir, follows_our_own_symlink, .init = make_dir, .fini = drop_dir)
{
    plant(geteuid());
    char why[256];
    int fd = dk_open_dir_safely(in_dir("shared/link"), why, sizeof why);
    cr_assert_geq(fd, 0, "our own symlink refused: %s", why);
    struct stat a, b;
    cr_assert_eq(fstat(fd, &a), 0);
    cr_assert_eq(stat(in_dir("private"), &b), 0);
    cr_assert(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
    close(fd);
}

Test(safe_dir, follows_a_symlink_outside_shared_dirs, .init = make_dir,
     .fini = drop_dir)
{
    if (geteuid() != 0)
        cr_skip_test("needs root to give a symlink to another user");
    cr_assert_eq(mkdir(in_dir("private"), 0700), 0);
    cr_assert_eq(symlink("private", in_dir("link")), 0);
    cr_assert_eq(lchown(in_dir("link"), 65534, 65534), 0);
    char why[256];
    int fd = dk_open_dir_safely(in_dir("link"), why, sizeof why);
    cr_assert_geq(fd, 0, "refused: %s", why);
    close(fd);
}
