/* test_report_file.c: unit tests of report_file.h: a report target that
 * is a symlink or a device is refused and left as it was; a report goes
 * in place whole, ours, mode 0644, whatever is planted by its name while
 * it is written. */
#include <criterion/criterion.h>

#include "../../harness/report_file.h"
#include "../../harness/teardown.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[PATH_MAX];

static void make_dir(void)
{
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(dir, sizeof dir, "%s/dkrep.XXXXXX", base);
    cr_assert_not_null(mkdtemp(dir));
}

static void drop_dir(void)
{
    dk_remove_tree(dir);
}

static const char *in_dir(const char *name)
{
    static char path[2][PATH_MAX + 64];
    static int i;
    i ^= 1;
    snprintf(path[i], sizeof path[i], "%s/%s", dir, name);
    return path[i];
}

Test(report_file, refuses_a_symlink_target, .init = make_dir, .fini = drop_dir)
{
    int fd = open(in_dir("canary"), O_WRONLY | O_CREAT | O_EXCL, 0600);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, "x", 1), 1);
    close(fd);
    cr_assert_eq(symlink(in_dir("canary"), in_dir("r.json")), 0);
    dk_report_file r;
    char why[256] = "";
    cr_assert_eq(dk_report_file_open(&r, "json", in_dir("r.json"), why,
                                     sizeof why), -1);
    cr_assert(strstr(why, "symlink") != NULL, "reason: %s", why);
    struct stat st;
    cr_assert_eq(stat(in_dir("canary"), &st), 0);
    cr_assert_eq(st.st_size, 1, "the symlink's target was written");
    cr_assert_eq(lstat(in_dir("r.json"), &st), 0);
    cr_assert(S_ISLNK(st.st_mode));
}

Test(report_file, refuses_a_device)
{
    dk_report_file r;
    char why[256] = "";
    cr_assert_eq(dk_report_file_open(&r, "json", "/dev/null", why, sizeof why),
                 -1);
    cr_assert(strstr(why, "not a regular file") != NULL, "reason: %s", why);
}

Test(report_file, replaces_what_was_planted_meanwhile, .init = make_dir,
     .fini = drop_dir)
{
    dk_report_file r;
    char why[256] = "";
    umask(0);
    cr_assert_eq(dk_report_file_open(&r, "json", in_dir("r.json"), why,
                                     sizeof why), 0, "%s", why);
    /* What Criterion does: open the path it is given, write, close. */
    FILE *f = fopen(r.via, "w");
    cr_assert_not_null(f, "%s: %s", r.via, strerror(errno));
    /* Planted while the run goes on: a symlink by the report's name. */
    cr_assert_eq(symlink(in_dir("elsewhere"), in_dir("r.json")), 0);
    fputs("{}\n", f);
    cr_assert_eq(fclose(f), 0);
    cr_assert_eq(dk_report_file_commit(&r, "json", in_dir("r.json"), why,
                                       sizeof why), 0, "%s", why);
    struct stat st;
    cr_assert_eq(lstat(in_dir("r.json"), &st), 0);
    cr_assert(S_ISREG(st.st_mode), "the report is not a regular file");
    cr_assert_eq(st.st_mode & 07777, 0644, "mode %o", st.st_mode & 07777);
    cr_assert_eq(st.st_uid, geteuid());
    cr_assert_eq(st.st_size, 3);
    cr_assert_eq(lstat(in_dir("elsewhere"), &st), -1, "written through it");
}
