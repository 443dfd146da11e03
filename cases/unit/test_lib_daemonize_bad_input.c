/* test_lib_daemonize_bad_input.c: dk_daemonize() and dk_daemonizer_run()
 * refuse bad input before forking (issue 6, the library's own API): a clear
 * status, a one-line message naming the problem, no child process, and the
 * PID file's place left as it was. (Options alone are covered by
 * test_lib_pure.c; these go through the calls a program makes.) */
#include <criterion/criterion.h>

#include "../../lib/daemoniker.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[PATH_MAX];
static char pid_file[PATH_MAX + 16];

static void make_dir(void)
{
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(dir, sizeof dir, "%s/dklib.XXXXXX", base);
    cr_assert_not_null(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
    snprintf(pid_file, sizeof pid_file, "%s/daemon.pid", dir);
}

static void remove_dir(void)
{
    unlink(pid_file);
    rmdir(dir);
}

TestSuite(lib_daemonize_bad_input, .init = make_dir, .fini = remove_dir,
          .timeout = 10);

/* Refused with status, a one-line message holding needle, no fork, and no
 * PID file where there was none. */
static void expect_refused(dk_status got, dk_status want, const dk_error *err,
                           const char *needle)
{
    cr_assert_eq(got, want, "status %d, expected %d: %s", got, want,
                 err->message);
    cr_assert_eq(err->status, want);
    cr_assert_not_null(strstr(err->message, needle),
                       "message \"%s\" does not name %s", err->message, needle);
    cr_assert_null(strchr(err->message, '\n'), "message has a newline");
    cr_assert_eq(waitpid(-1, NULL, WNOHANG), -1, "a child was forked");
    cr_assert_eq(errno, ECHILD);
}

static void expect_no_pid_file(void)
{
    cr_assert_neq(access(pid_file, F_OK), 0, "%s was created", pid_file);
}

Test(lib_daemonize_bad_input, null_options)
{
    dk_error err = {0};
    expect_refused(dk_daemonize(NULL, &err), DK_EINVAL, &err, "NULL");
}

Test(lib_daemonize_bad_input, null_daemonizer_or_is_parent)
{
    dk_options o;
    dk_options_init(&o);
    o.pid_file = pid_file;
    dk_daemonizer dz;
    dk_daemonizer_begin(&dz);
    bool is_parent;
    dk_error err = {0};
    expect_refused(dk_daemonizer_run(NULL, &o, NULL, 0, &is_parent, &err),
                   DK_EINVAL, &err, "is_parent");
    expect_refused(dk_daemonizer_run(&dz, &o, NULL, 0, NULL, &err), DK_EINVAL,
                   &err, "is_parent");
    expect_no_pid_file();
}

Test(lib_daemonize_bad_input, null_state_with_length)
{
    dk_options o;
    dk_options_init(&o);
    o.pid_file = pid_file;
    dk_daemonizer dz;
    dk_daemonizer_begin(&dz);
    bool is_parent;
    dk_error err = {0};
    expect_refused(dk_daemonizer_run(&dz, &o, NULL, 8, &is_parent, &err),
                   DK_EINVAL, &err, "state");
    expect_no_pid_file();
}

Test(lib_daemonize_bad_input, umask_out_of_range)
{
    dk_options o;
    dk_options_init(&o);
    o.pid_file = pid_file;
    o.umask = 01000;
    dk_error err = {0};
    expect_refused(dk_daemonize(&o, &err), DK_EINVAL, &err, "umask");
    expect_no_pid_file();
}

Test(lib_daemonize_bad_input, relative_pid_file)
{
    dk_options o;
    dk_options_init(&o);
    o.pid_file = "daemon.pid";
    dk_error err = {0};
    expect_refused(dk_daemonize(&o, &err), DK_EINVAL, &err, "absolute");
}

Test(lib_daemonize_bad_input, over_long_chdir)
{
    static char longer[PATH_MAX + 2];
    memset(longer, 'a', sizeof longer - 1);
    longer[0] = '/';
    dk_options o;
    dk_options_init(&o);
    o.pid_file = pid_file;
    o.chdir = longer;
    dk_error err = {0};
    expect_refused(dk_daemonize(&o, &err), DK_EINVAL, &err, "chdir");
    expect_no_pid_file();
}

Test(lib_daemonize_bad_input, shielded_fd_not_open)
{
    int closed = 77;
    close(closed);
    dk_options o;
    dk_options_init(&o);
    o.pid_file = pid_file;
    o.shielded_fds = &closed;
    o.n_shielded_fds = 1;
    dk_error err = {0};
    expect_refused(dk_daemonize(&o, &err), DK_EINVAL, &err, "77");
    expect_no_pid_file();
}

Test(lib_daemonize_bad_input, existing_pid_file_left_as_found)
{
    FILE *f = fopen(pid_file, "w");
    cr_assert_not_null(f);
    fputs("not a pid\n", f);
    fclose(f);
    dk_options o;
    dk_options_init(&o);
    o.pid_file = pid_file;
    dk_error err = {0};
    expect_refused(dk_daemonize(&o, &err), DK_EEXIST, &err, pid_file);
    char buf[32] = {0};
    f = fopen(pid_file, "r");
    cr_assert_not_null(f, "the existing PID file was removed");
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    cr_assert_str_eq(buf, "not a pid\n", "changed to \"%.*s\"", (int)n, buf);
}
