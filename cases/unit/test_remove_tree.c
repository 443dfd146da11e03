/* test_remove_tree.c: unit tests of dk_remove_tree_at and dk_plain_name
 * (teardown.h): removal by directory descriptors never follows a symlink,
 * never takes a name read from a file that is not one plain entry, and
 * removes what a case made immutable and a killed worker left so. The
 * mount case is in test_remove_tree_linux.c. */
#include <criterion/criterion.h>

#include "../../harness/immutable.h"
#include "../../harness/teardown.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char top[PATH_MAX];
static int topfd = -1;

static void make_top(void)
{
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(top, sizeof top, "%s/dkrm.XXXXXX", base);
    cr_assert_not_null(mkdtemp(top));
    topfd = open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    cr_assert_geq(topfd, 0);
}

static void drop_top(void)
{
    if (topfd >= 0)
        close(topfd);
    dk_remove_tree(top);
}

static void touch_at(int dirfd, const char *name)
{
    int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    cr_assert_geq(fd, 0, "create %s: %s", name, strerror(errno));
    close(fd);
}

Test(plain_name, rejects_dot_dotdot_slash_empty)
{
    cr_assert(dk_plain_name("server-1"));
    cr_assert(dk_plain_name(".wine-0"));
    cr_assert_not(dk_plain_name("."));
    cr_assert_not(dk_plain_name(".."));
    cr_assert_not(dk_plain_name(""));
    cr_assert_not(dk_plain_name(NULL));
    cr_assert_not(dk_plain_name("a/b"));
    cr_assert_not(dk_plain_name("/"));
    cr_assert_not(dk_plain_name("../x"));
}

Test(remove_tree_at, refuses_names_that_leave_the_directory, .init = make_top,
     .fini = drop_top)
{
    touch_at(topfd, "canary");
    cr_assert_eq(mkdirat(topfd, "sub", 0700), 0);
    int sub = openat(topfd, "sub", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    cr_assert_geq(sub, 0);
    const char *bad[] = {".", "..", "../canary", "", "x/.."};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        errno = 0;
        cr_assert_eq(dk_remove_tree_at(sub, bad[i]), -1, "'%s' taken", bad[i]);
        cr_assert_eq(errno, EINVAL, "'%s': %s", bad[i], strerror(errno));
    }
    close(sub);
    struct stat st;
    cr_assert_eq(fstatat(topfd, "canary", &st, 0), 0, "the canary went");
    cr_assert_eq(fstatat(topfd, "sub", &st, 0), 0, "'.' removed sub");
}

Test(remove_tree_at, unlinks_symlinks_never_follows, .init = make_top,
     .fini = drop_top)
{
    cr_assert_eq(mkdirat(topfd, "outside", 0700), 0);
    int out = openat(topfd, "outside", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    touch_at(out, "precious");
    cr_assert_eq(mkdirat(topfd, "tree", 0700), 0);
    cr_assert_eq(mkdirat(topfd, "tree/d", 0700), 0);
    char target[PATH_MAX + 64];
    snprintf(target, sizeof target, "%s/outside", top);
    cr_assert_eq(symlinkat(target, topfd, "tree/d/to_dir"), 0);
    cr_assert_eq(symlinkat("../../outside/precious", topfd, "tree/d/to_file"), 0);
    /* The top itself a symlink: unlinked, its target kept. */
    cr_assert_eq(symlinkat(target, topfd, "toplink"), 0);

    cr_assert_eq(dk_remove_tree_at(topfd, "tree"), 0, "%s", strerror(errno));
    cr_assert_eq(dk_remove_tree_at(topfd, "toplink"), 0);
    struct stat st;
    cr_assert_eq(fstatat(topfd, "tree", &st, AT_SYMLINK_NOFOLLOW), -1);
    cr_assert_eq(fstatat(topfd, "toplink", &st, AT_SYMLINK_NOFOLLOW), -1);
    cr_assert_eq(fstatat(out, "precious", &st, 0), 0, "a symlink was followed");
    close(out);
}

/* H8 makes a directory of its sandbox immutable and makes it plain again
 * in its fini; a worker killed in between (a SIGTERM to make's whole
 * process group) leaves it immutable, and the run's directory must still
 * go. An immutable directory with a file in it, inside a tree. */
Test(remove_tree_at, removes_what_a_case_left_immutable, .init = make_top,
     .fini = drop_top)
{
    cr_assert_eq(mkdirat(topfd, "tree", 0700), 0);
    cr_assert_eq(mkdirat(topfd, "tree/locked", 0700), 0);
    touch_at(topfd, "tree/locked/daemon.pid");
    char locked[PATH_MAX + 64];
    snprintf(locked, sizeof locked, "%s/tree/locked", top);
    if (dk_set_immutable(locked, true) < 0)
        cr_skip_test("cannot make %s immutable here (%s): not root, or a "
                     "file system without the flag", locked, strerror(errno));
    int rc = dk_remove_tree_at(topfd, "tree");
    int err = errno;
    struct stat st;
    bool gone = fstatat(topfd, "tree", &st, AT_SYMLINK_NOFOLLOW) != 0;
    if (!gone)
        dk_set_immutable(locked, false); /* for drop_top */
    cr_expect_eq(rc, 0, "dk_remove_tree_at: %s", strerror(err));
    cr_expect(gone, "the tree with an immutable directory in it is still there");
}
