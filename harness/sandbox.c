/* sandbox.c: sandbox.h on Unix: a case's own directory in the run's
 * (a bounded tmpfs where the OS allows), the worker the subreaper of its
 * processes, the subject's words by wordexp; what every OS shares is
 * sandbox_common.c's. */
#include "sandbox.h"

#include "run_config.h"
#include "run_root.h"
#include "sandbox_fs.h"
#include "sandbox_os.h"
#include "teardown.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h> /* mkdtemp on macOS (POSIX puts it in stdlib.h) */
#include <wordexp.h>

static struct {
    char dir[PATH_MAX];
    char group_dir[PATH_MAX]; /* sandbox_group_dir's, "" if none */
    unsigned long long bound; /* the sandbox's tmpfs size; 0 if none */
    wordexp_t subject;
    bool have_subject;
    const char *program;
} the_sandbox;

void sandbox_open(void)
{
    if (dk_become_subreaper() < 0)
        case_broken("cannot become child subreaper: %s",
                       strerror(errno));
    const char *run = run_config()->rundir;
    if (run == NULL)
        run = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(the_sandbox.dir, sizeof the_sandbox.dir, "%s/case.XXXXXX", run);
    if (mkdtemp(the_sandbox.dir) == NULL)
        case_broken("mkdtemp %s: %s", the_sandbox.dir,
                       strerror(errno));
    const char *size = run_config()->sandbox_size;
    unsigned long long bytes = size ? strtoull(size, NULL, 10) : 0;
    the_sandbox.bound = sandbox_fs_bound(the_sandbox.dir, bytes) ? bytes : 0;
    if (mkdir(sandbox_path("launch"), 0755) < 0)
        case_broken("mkdir: %s", strerror(errno));

    const char *subject = run_config()->subject;
    if (subject == NULL || *subject == '\0')
        case_broken("DKCHECK_SUBJECT is not set (run the cases "
                       "through dkcheck --subject CMD)");
    if (wordexp(subject, &the_sandbox.subject, WRDE_NOCMD) != 0 ||
        the_sandbox.subject.we_wordc == 0)
        case_broken("cannot split the subject command: %s", subject);
    the_sandbox.have_subject = true;
    /* The launcher runs in SANDBOX/launch: a relative path must not move. */
    const char *word = the_sandbox.subject.we_wordv[0];
    char resolved[PATH_MAX];
    the_sandbox.program = strchr(word, '/') && realpath(word, resolved)
                              ? sandbox_printf("%s", resolved)
                              : word;
}

/* Did the subject fill the sandbox (no block or no inode left)? Then
 * what the case saw may be that, not the subject's doing: BROKEN, saying
 * so, beside whatever the case concluded. */
static void check_not_full(void)
{
    struct statvfs v;
    if (the_sandbox.bound == 0 || statvfs(the_sandbox.dir, &v) != 0)
        return;
    if (v.f_bavail == 0 || v.f_favail == 0)
        cr_expect_fail(SANDBOX_FULL " (a tmpfs of %llu MiB, --sandbox-size): "
                       "no %s left",
                       the_sandbox.bound >> 20,
                       v.f_bavail == 0 ? "space" : "inode");
}

void sandbox_close(void)
{
    dk_kill_descendants();
    sandbox_capture_end();
    if (the_sandbox.dir[0] != '\0') {
        check_not_full();
        if (the_sandbox.bound != 0)
            sandbox_fs_unbound(the_sandbox.dir);
        the_sandbox.bound = 0;
        dk_remove_tree(the_sandbox.dir);
    }
    the_sandbox.dir[0] = '\0';
    if (the_sandbox.group_dir[0] != '\0')
        dk_remove_tree(the_sandbox.group_dir);
    the_sandbox.group_dir[0] = '\0';
    if (the_sandbox.have_subject)
        wordfree(&the_sandbox.subject);
    the_sandbox.have_subject = false;
    sandbox_free_all();
}

FILE *sandbox_os_open_read(const char *path)
{
    return fopen(path, "re");
}

const char *sandbox_path(const char *name)
{
    if (name[0] == '/')
        return name;
    return sandbox_printf("%s/%s", the_sandbox.dir, name);
}

/* The run's directory in the public root, made if need be, open; -1 with
 * why. Only we can make anything in that root, so an entry there is
 * ours: its mode is set, not trusted. */
static int public_run_dir(char *shown, size_t shown_size, char *why,
                          size_t size)
{
    const char *run = run_config()->rundir;
    const char *name = run && strrchr(run, '/') ? strrchr(run, '/') + 1 : "";
    if (!dk_plain_name(name)) {
        snprintf(why, size, "DKCHECK_RUNDIR names no run directory");
        return -1;
    }
    snprintf(shown, shown_size, "%s/dkcheck-%ld.pub/%s", dk_tmp_dir(),
             (long)geteuid(), name);
    int fd = -1;
    /* ENOENT: another run removed the public root, empty, just then. */
    for (int tries = 0; fd < 0 && tries < 10; tries++) {
        int pub = dk_root_open(dk_tmp_dir(), ".pub", 0711, true, why, size);
        if (pub < 0)
            return -1;
        if (mkdirat(pub, name, 0711) == 0 || errno == EEXIST)
            fd = openat(pub, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
                        O_CLOEXEC);
        int err = errno;
        close(pub);
        errno = err;
        if (fd < 0 && err != ENOENT)
            break;
    }
    if (fd < 0 || fchmod(fd, 0711) < 0 ||
        dk_dir_check(fd, shown, 0711, why, size) < 0) {
        if (fd >= 0)
            close(fd);
        else
            snprintf(why, size, "open %.300s: %s", shown, strerror(errno));
        return -1;
    }
    return fd;
}

const char *sandbox_group_dir(gid_t gid)
{
    char why[512], shown[PATH_MAX - 64], name[32];
    int rfd = public_run_dir(shown, sizeof shown, why, sizeof why);
    if (rfd < 0)
        case_broken("%s", why);
    if (dk_mkdtemp_at(rfd, "case.", 0700, name, sizeof name) < 0)
        case_broken("mkdir in %s: %s", shown, strerror(errno));
    snprintf(the_sandbox.group_dir, sizeof the_sandbox.group_dir, "%s/%s",
             shown, name);
    int fd = openat(rfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    close(rfd);
    /* Owner first, mode second: chown clears the sticky bit on some
     * systems. */
    if (fd < 0 || fchown(fd, (uid_t)-1, gid) < 0 || fchmod(fd, 01770) < 0)
        case_broken("chown/chmod %s: %s", the_sandbox.group_dir,
                       strerror(errno));
    close(fd);
    return the_sandbox.group_dir;
}

const char *sandbox_file(const char *name, const char *content)
{
    const char *path = sandbox_path(name);
    FILE *f = fopen(path, "we");
    if (f == NULL || (content && fputs(content, f) == EOF) || fclose(f) != 0)
        case_broken("cannot write %s: %s", path, strerror(errno));
    return path;
}

const char *sandbox_mkdir(const char *name)
{
    const char *path = sandbox_path(name);
    if (mkdir(path, 0755) < 0)
        case_broken("mkdir %s: %s", path, strerror(errno));
    return path;
}

size_t sandbox_command(char **argv, size_t max)
{
    size_t n = 0;
    if (max > 0)
        argv[n++] = (char *)the_sandbox.program;
    for (size_t i = 1; i < the_sandbox.subject.we_wordc && n < max; i++)
        argv[n++] = the_sandbox.subject.we_wordv[i];
    return n;
}

