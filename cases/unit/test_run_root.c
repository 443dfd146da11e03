/* test_run_root.c: unit tests of run_root.h: the private root is refused
 * unless it is a directory of ours, mode 0700, not a symlink. */
#include <criterion/criterion.h>

#include "../../harness/run_root.h"
#include "../../harness/teardown.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmp[PATH_MAX], root[PATH_MAX + 64];

static void make_tmp(void)
{
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(tmp, sizeof tmp, "%s/dkroot.XXXXXX", base);
    cr_assert_not_null(mkdtemp(tmp));
    snprintf(root, sizeof root, "%s/dkcheck-%ld", tmp, (long)geteuid());
}

static void drop_tmp(void)
{
    dk_remove_tree(tmp);
}

static void refused(const char *what)
{
    char why[512] = "";
    int fd = dk_root_open(tmp, "", 0700, true, why, sizeof why);
    if (fd >= 0)
        close(fd);
    cr_assert_eq(fd, -1, "%s: taken", what);
    cr_assert(why[0] != '\0', "%s: no reason given", what);
}

Test(run_root, made_and_taken_when_ours, .init = make_tmp, .fini = drop_tmp)
{
    char why[512] = "";
    umask(077);
    int fd = dk_root_open(tmp, "", 0700, true, why, sizeof why);
    cr_assert_geq(fd, 0, "%s", why);
    char name[64];
    cr_assert_eq(dk_mkdtemp_at(fd, "run.", 0700, name, sizeof name), 0);
    cr_assert_eq(strncmp(name, "run.", 4), 0);
    close(fd);
    fd = dk_root_open(tmp, "", 0700, false, why, sizeof why);
    cr_assert_geq(fd, 0, "made, then refused: %s", why);
    close(fd);
}

Test(run_root, wrong_mode_refused, .init = make_tmp, .fini = drop_tmp)
{
    cr_assert_eq(mkdir(root, 0700), 0);
    cr_assert_eq(chmod(root, 0777), 0);
    refused("a root of mode 0777");
}

Test(run_root, symlink_refused, .init = make_tmp, .fini = drop_tmp)
{
    char real[PATH_MAX + 64];
    snprintf(real, sizeof real, "%s/elsewhere", tmp);
    cr_assert_eq(mkdir(real, 0700), 0);
    cr_assert_eq(symlink(real, root), 0);
    refused("a root that is a symlink");
}

Test(run_root, someone_elses_refused, .init = make_tmp, .fini = drop_tmp)
{
    if (geteuid() != 0)
        cr_skip_test("only root can give a directory to another user");
    cr_assert_eq(mkdir(root, 0700), 0);
    cr_assert_eq(chown(root, 65534, 65534), 0);
    refused("a root of uid 65534");
}
