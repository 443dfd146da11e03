/* test_remove_tree_linux.c: dk_remove_tree_at never crosses a mount. The
 * worker takes a mount namespace of its own, so the tmpfs it mounts is
 * seen by nobody else and goes with it; where that is refused (not root,
 * no namespaces) the test skips, saying so. */
#include <criterion/criterion.h>

#include "../../harness/teardown.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

Test(remove_tree_at, leaves_a_mount_inside_alone)
{
    if (unshare(CLONE_NEWNS) < 0 ||
        mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
        cr_skip_test("no private mount namespace here: %s", strerror(errno));
    char top[64];
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(top, sizeof top, "%.40s/dkrm.XXXXXX", base);
    cr_assert_not_null(mkdtemp(top));
    int fd = open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    cr_assert_eq(mkdirat(fd, "tree", 0700), 0);
    cr_assert_eq(mkdirat(fd, "tree/mnt", 0700), 0);
    char mnt[128];
    snprintf(mnt, sizeof mnt, "%s/tree/mnt", top);
    cr_assert_eq(mount("tmpfs", mnt, "tmpfs", 0, "size=64k"), 0, "%s",
                 strerror(errno));
    int m = open(mnt, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int f = openat(m, "kept", O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    cr_assert_geq(f, 0);
    close(f);

    errno = 0;
    int rc = dk_remove_tree_at(fd, "tree");
    int err = errno;
    struct stat st;
    cr_expect_eq(fstatat(m, "kept", &st, 0), 0, "a file on the mount went");
    cr_expect_eq(rc, -1, "the mount point cannot be removed: -1");
    cr_expect_eq(err, EXDEV, "errno %s, expected EXDEV", strerror(err));
    close(m);
    umount2(mnt, MNT_DETACH);
    cr_assert_eq(dk_remove_tree_at(fd, "tree"), 0);
    close(fd);
    dk_remove_tree(top);
}
