/* test_lib_pure.c: unit tests of libdaemoniker's parts that touch no file,
 * no process and no signal: option checking, the PID file parser, the fd
 * range splitter, the fd limit, error formatting, and the subjects' command
 * line parser.
 *
 * Parsers get exact-size heap buffers with no NUL after the data, so a read
 * past len shows under ASan instead of passing by luck.
 */
#include <criterion/criterion.h>

#include "../../subjects/subject_args.h"
#include "../../lib/common/internal.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

/* ---- helpers ------------------------------------------------------------ */

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define OPTIONS_PREFIX "daemoniker: options: "

/* A message is one line: a launcher prints it as is, and scripts grep it. */
static void assert_one_line(const char *msg, const char *what)
{
    cr_assert_gt(strlen(msg), 0, "%s: empty message", what);
    cr_assert_null(strchr(msg, '\n'), "%s: message has a newline: \"%s\"",
                   what, msg);
    cr_assert_null(strchr(msg, '\r'), "%s: message has a CR: \"%s\"", what,
                   msg);
}

/* Every rejection of an option is DK_EINVAL, filled in err, and says which
 * field is wrong so the caller need not guess. */
static void expect_rejected(const dk_options *o, const char *field,
                            const char *what)
{
    dk_error err;
    memset(&err, 0, sizeof err);
    dk_status st = dk_options_check(o, &err);
    cr_assert_eq(st, DK_EINVAL, "%s: status %d, want DK_EINVAL", what, st);
    cr_assert_eq(err.status, DK_EINVAL, "%s: err.status %d", what, err.status);
    cr_assert_eq(strncmp(err.message, OPTIONS_PREFIX, strlen(OPTIONS_PREFIX)),
                 0, "%s: message \"%s\" lacks the prefix", what, err.message);
    cr_assert_not_null(strstr(err.message, field),
                       "%s: message \"%s\" does not name %s", what,
                       err.message, field);
    assert_one_line(err.message, what);
    /* The same check without an error buffer must not crash. */
    cr_assert_eq(dk_options_check(o, NULL), DK_EINVAL, "%s (err NULL)", what);
}

static void expect_accepted(const dk_options *o, const char *what)
{
    dk_error err;
    memset(&err, 0, sizeof err);
    dk_status st = dk_options_check(o, &err);
    cr_assert_eq(st, DK_OK, "%s: status %d: %s", what, st, err.message);
}

/* Valid options to break one field at a time. */
static dk_options valid_options(void)
{
    dk_options o;
    dk_options_init(&o);
    o.pid_file = "/run/test.pid";
    return o;
}

/* An absolute path of exactly len characters. Caller frees. */
static char *long_path(size_t len)
{
    char *p = malloc(len + 1);
    cr_assert_not_null(p);
    memset(p, 'a', len);
    p[0] = '/';
    p[len] = '\0';
    return p;
}

/* A copy of s in a buffer of exactly strlen(s) bytes: no NUL to lean on. */
static int parse_exact(const char *s, long *pid)
{
    size_t len = strlen(s);
    char *b = malloc(len ? len : 1);
    cr_assert_not_null(b);
    memcpy(b, s, len);
    int r = dk__pidfile_parse(b, len, pid);
    free(b);
    return r;
}

/* ---- dk_options_init / dk_options_check --------------------------------- */

Test(lib_options, init_defaults)
{
    dk_options o;
    /* Garbage first: init must set every field, not rely on the caller. */
    memset(&o, 0xa5, sizeof o);
    dk_options_init(&o);
    cr_assert_eq(o.umask, 027);
    cr_assert_eq(o.umask, DK_DEFAULT_UMASK);
    cr_assert_eq(o.fd_fallback_limit, 1024);
    cr_assert_eq(o.fd_fallback_limit, DK_DEFAULT_FD_FALLBACK_LIMIT);
    cr_assert(o.success_timeout == 30.0, "success_timeout %g",
              o.success_timeout);
    cr_assert_null(o.pid_file);
    cr_assert_null(o.chdir);
    cr_assert_null(o.stdin_path);
    cr_assert_null(o.stdout_path);
    cr_assert_null(o.stderr_path);
    cr_assert_null(o.shielded_fds);
    cr_assert_eq(o.n_shielded_fds, 0);
    cr_assert_not(o.strip_cmd_args);
    cr_assert_eq(o.notify_fd, -1);
    cr_assert_null(o.user);
    cr_assert_null(o.group);
}

Test(lib_options, profiles)
{
    dk_options o, base;
    dk_options_init(&base);
    memset(&o, 0xa5, sizeof o);
    dk_options_init_profile(&o, DK_PROFILE_DAEMONIKER);
    cr_assert_eq(memcmp(&o, &base, sizeof o), 0,
                 "the daemoniker profile is dk_options_init's defaults");
    memset(&o, 0xa5, sizeof o);
    dk_options_init_profile(&o, DK_PROFILE_DAEMON7);
    cr_assert_eq(o.umask, 0);
    cr_assert_str_eq(o.chdir, "/");
    cr_assert_eq(o.notify_fd, -1);
    cr_assert_null(o.user);
    o.pid_file = "/run/x.pid";
    dk_error err;
    cr_assert_eq(dk_options_check(&o, &err), DK_OK, "%s", err.message);
}

Test(lib_options, valid_are_accepted)
{
    dk_options o = valid_options();
    expect_accepted(&o, "defaults with a pid_file");

    static const int fds[] = {3, 7, 1000};
    o.chdir = "relative/is/fine";
    o.stdin_path = "/dev/null";
    o.stdout_path = "out.log";
    o.stderr_path = "/tmp/err.log";
    o.shielded_fds = fds;
    o.n_shielded_fds = ARRAY_LEN(fds);
    expect_accepted(&o, "every field set");

    /* One byte short of PATH_MAX still fits with its NUL. */
    char *p = long_path(PATH_MAX - 1);
    o = valid_options();
    o.pid_file = p;
    expect_accepted(&o, "pid_file of PATH_MAX-1 chars");
    free(p);

    o = valid_options();
    cr_assert_eq(dk_options_check(&o, NULL), DK_OK);
}

Test(lib_options, null_options)
{
    dk_error err;
    memset(&err, 0, sizeof err);
    cr_assert_eq(dk_options_check(NULL, &err), DK_EINVAL);
    cr_assert_eq(strncmp(err.message, OPTIONS_PREFIX, strlen(OPTIONS_PREFIX)),
                 0, "message \"%s\"", err.message);
    assert_one_line(err.message, "NULL options");
    cr_assert_eq(dk_options_check(NULL, NULL), DK_EINVAL);
}

Test(lib_options, pid_file_rejected)
{
    dk_options o = valid_options();
    o.pid_file = NULL;
    expect_rejected(&o, "pid_file", "pid_file NULL");
    o.pid_file = "";
    expect_rejected(&o, "pid_file", "pid_file empty");
    o.pid_file = "run/test.pid";
    expect_rejected(&o, "pid_file", "pid_file relative");
    o.pid_file = "./test.pid";
    expect_rejected(&o, "pid_file", "pid_file ./relative");
    /* A relative path with a newline in it must still give one line. */
    o.pid_file = "evil\npath";
    expect_rejected(&o, "pid_file", "pid_file relative with newline");

    char *p = long_path(PATH_MAX);
    o.pid_file = p;
    expect_rejected(&o, "pid_file", "pid_file of PATH_MAX chars");
    free(p);
}

Test(lib_options, other_paths_rejected)
{
    char *p = long_path(PATH_MAX);
    struct {
        const char *field;
        size_t offset;
    } paths[] = {
        {"chdir", offsetof(dk_options, chdir)},
        {"stdin", offsetof(dk_options, stdin_path)},
        {"stdout", offsetof(dk_options, stdout_path)},
        {"stderr", offsetof(dk_options, stderr_path)},
    };
    for (size_t i = 0; i < ARRAY_LEN(paths); i++) {
        char what[64];
        dk_options o = valid_options();
        const char **slot = (const char **)((char *)&o + paths[i].offset);

        *slot = "";
        snprintf(what, sizeof what, "%s empty", paths[i].field);
        expect_rejected(&o, paths[i].field, what);

        *slot = p;
        snprintf(what, sizeof what, "%s of PATH_MAX chars", paths[i].field);
        expect_rejected(&o, paths[i].field, what);
    }
    free(p);
}

Test(lib_options, umask_range)
{
    dk_options o = valid_options();
    /* Every valid mask, not a sample: the range is small. */
    for (int m = 0; m <= 0777; m++) {
        o.umask = m;
        char what[32];
        snprintf(what, sizeof what, "umask %#o", m);
        expect_accepted(&o, what);
    }
    o.umask = -1;
    expect_rejected(&o, "umask", "umask -1");
    o.umask = 01000;
    expect_rejected(&o, "umask", "umask 01000");
    o.umask = INT_MIN;
    expect_rejected(&o, "umask", "umask INT_MIN");
}

Test(lib_options, shielded_rejected)
{
    int many[DK_MAX_SHIELDED + 1];
    for (size_t i = 0; i < ARRAY_LEN(many); i++)
        many[i] = (int)i + 3;

    dk_options o = valid_options();
    o.shielded_fds = many;
    o.n_shielded_fds = DK_MAX_SHIELDED;
    expect_accepted(&o, "DK_MAX_SHIELDED fds");
    o.n_shielded_fds = DK_MAX_SHIELDED + 1;
    expect_rejected(&o, "shielded", "DK_MAX_SHIELDED+1 fds");

    static const int negative[] = {3, -1, 5};
    o.shielded_fds = negative;
    o.n_shielded_fds = ARRAY_LEN(negative);
    expect_rejected(&o, "shielded", "negative fd");

    o.shielded_fds = NULL;
    o.n_shielded_fds = 1;
    expect_rejected(&o, "shielded", "NULL fds, n 1");
    /* NULL with n == 0 is simply "none". */
    o.n_shielded_fds = 0;
    expect_accepted(&o, "NULL fds, n 0");
}

Test(lib_options, fd_fallback_limit_range)
{
    dk_options o = valid_options();
    o.fd_fallback_limit = 3;
    expect_accepted(&o, "fd_fallback_limit 3");
    o.fd_fallback_limit = INT_MAX;
    expect_accepted(&o, "fd_fallback_limit INT_MAX");

    static const long bad[] = {2, 0, -1, LONG_MIN};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        char what[64];
        snprintf(what, sizeof what, "fd_fallback_limit %ld", bad[i]);
        o.fd_fallback_limit = bad[i];
        expect_rejected(&o, "fd_fallback_limit", what);
    }
    /* Past INT_MAX no fd can exist; only testable where long is wider. */
    if (LONG_MAX > INT_MAX) {
        o.fd_fallback_limit = (long)INT_MAX + 1;
        expect_rejected(&o, "fd_fallback_limit", "fd_fallback_limit INT_MAX+1");
    }
}

Test(lib_options, notify_fd_range)
{
    dk_options o = valid_options();
    o.notify_fd = 3;
    expect_accepted(&o, "notify_fd 3");
    o.notify_fd = INT_MAX;
    expect_accepted(&o, "notify_fd INT_MAX");
    static const int bad[] = {0, 1, 2, -2, INT_MIN};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        char what[64];
        snprintf(what, sizeof what, "notify_fd %d", bad[i]);
        o.notify_fd = bad[i];
        expect_rejected(&o, "notify_fd", what);
    }
}

Test(lib_options, user_and_group_names)
{
    dk_options o = valid_options();
    o.user = "nobody";
    expect_accepted(&o, "user nobody");
    o.group = "nogroup";
    expect_accepted(&o, "user nobody, group nogroup");
    o.user = "";
    expect_rejected(&o, "user", "an empty user");
    o.user = "a:b";
    expect_rejected(&o, "user", "a user with ':'");
    o.user = NULL;
    expect_rejected(&o, "group", "a group without a user");
    o.user = "nobody";
    o.group = "";
    expect_rejected(&o, "group", "an empty group");
}

Test(lib_options, success_timeout_range)
{
    dk_options o = valid_options();
    o.success_timeout = 0.001;
    expect_accepted(&o, "success_timeout 0.001");
    o.success_timeout = 3600;
    expect_accepted(&o, "success_timeout 3600");

    o.success_timeout = 0.0;
    expect_rejected(&o, "success_timeout", "success_timeout 0");
    o.success_timeout = -0.0;
    expect_rejected(&o, "success_timeout", "success_timeout -0");
    o.success_timeout = -1.0;
    expect_rejected(&o, "success_timeout", "success_timeout -1");
    /* NaN fails every comparison: a check written as "< 0 || == 0" lets it
     * through, and the launcher would then never time out. */
    o.success_timeout = NAN;
    expect_rejected(&o, "success_timeout", "success_timeout NaN");
}

/* ---- dk__pidfile_parse --------------------------------------------------- */

Test(lib_pidfile_parse, accepted)
{
    static const struct {
        const char *text;
        long pid;
    } good[] = {
        {"123\n", 123},
        {"123", 123}, /* other writers omit the final newline */
        {"1\n", 1},
        {"2147483647\n", 2147483647L},
    };
    for (size_t i = 0; i < ARRAY_LEN(good); i++) {
        long pid = -5;
        cr_assert_eq(parse_exact(good[i].text, &pid), 0, "rejected \"%s\"",
                     good[i].text);
        cr_assert_eq(pid, good[i].pid, "\"%s\" gave %ld", good[i].text, pid);
    }
}

Test(lib_pidfile_parse, rejected)
{
    static const char *bad[] = {
        "",           "\n",     "0\n",    "-1\n",         "12a\n",
        "1 2\n",      "123\n\n", "99999999999\n", " 123\n", "123 \n",
        "+123\n",     "2147483648\n", "\n123", "123\r\n",
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        long pid = -5;
        cr_assert_eq(parse_exact(bad[i], &pid), -1, "accepted \"%s\"", bad[i]);
        /* A rejected buffer leaves the output alone. */
        cr_assert_eq(pid, -5, "\"%s\" wrote %ld", bad[i], pid);
    }
}

Test(lib_pidfile_parse, no_nul_and_len_bounds)
{
    /* Exactly the digits: the parser must stop at len, not at a NUL. */
    const char digits[3] = {'1', '2', '3'};
    long pid = 0;
    cr_assert_eq(dk__pidfile_parse(digits, sizeof digits, &pid), 0);
    cr_assert_eq(pid, 123);

    /* len shorter than the buffer: only the first len bytes count. */
    const char longer[] = "4567\n";
    cr_assert_eq(dk__pidfile_parse(longer, 2, &pid), 0);
    cr_assert_eq(pid, 45);

    cr_assert_eq(dk__pidfile_parse(NULL, 3, &pid), -1);
    cr_assert_eq(dk__pidfile_parse(digits, 3, NULL), -1);
    cr_assert_eq(dk__pidfile_parse(digits, 0, &pid), -1);
}

/* ---- dk__fd_ranges ------------------------------------------------------- */

/* Runs dk__fd_ranges with room for 8 ranges and checks the result equals
 * want (n_want pairs). */
static void expect_ranges(const int *keep, size_t n_keep, int first, int last,
                          const dk_fd_range *want, size_t n_want,
                          const char *what)
{
    dk_fd_range out[8];
    for (size_t i = 0; i < ARRAY_LEN(out); i++)
        out[i] = (dk_fd_range){-7, -7};
    size_t n = dk__fd_ranges(keep, n_keep, first, last, out, ARRAY_LEN(out));
    cr_assert_eq(n, n_want, "%s: %zu ranges, want %zu", what, n, n_want);
    for (size_t i = 0; i < n_want; i++) {
        cr_assert_eq(out[i].lo, want[i].lo, "%s: range %zu lo %d, want %d",
                     what, i, out[i].lo, want[i].lo);
        cr_assert_eq(out[i].hi, want[i].hi, "%s: range %zu hi %d, want %d",
                     what, i, out[i].hi, want[i].hi);
    }
    for (size_t i = n_want; i < ARRAY_LEN(out); i++)
        cr_assert_eq(out[i].lo, -7, "%s: wrote past the ranges", what);
}

Test(lib_fd_ranges, nothing_kept)
{
    const dk_fd_range want[] = {{3, INT_MAX}};
    expect_ranges(NULL, 0, 3, INT_MAX, want, 1, "no keep");
}

Test(lib_fd_ranges, one_kept)
{
    const int keep[] = {5};
    const dk_fd_range want[] = {{3, 4}, {6, INT_MAX}};
    expect_ranges(keep, 1, 3, INT_MAX, want, 2, "keep {5}");
}

Test(lib_fd_ranges, kept_at_first)
{
    const int keep[] = {3, 4};
    const dk_fd_range want[] = {{5, INT_MAX}};
    expect_ranges(keep, 2, 3, INT_MAX, want, 1, "keep {3,4}");
}

Test(lib_fd_ranges, unsorted_duplicates_out_of_range)
{
    const int keep[] = {9, 2, -1, 9, 7};
    const dk_fd_range want[] = {{3, 6}, {8, 8}, {10, INT_MAX}};
    expect_ranges(keep, ARRAY_LEN(keep), 3, INT_MAX, want, 3,
                  "keep {9,2,-1,9,7}");
}

/* The last fd kept: the walk must end without stepping past INT_MAX. */
Test(lib_fd_ranges, int_max_kept, .timeout = 10)
{
    const int keep[] = {INT_MAX};
    const dk_fd_range want[] = {{3, INT_MAX - 1}};
    expect_ranges(keep, 1, 3, INT_MAX, want, 1, "keep {INT_MAX}");
}

Test(lib_fd_ranges, small_last)
{
    const int keep[] = {5, 100};
    const dk_fd_range want[] = {{3, 4}, {6, 10}};
    expect_ranges(keep, 2, 3, 10, want, 2, "keep {5,100} in 3..10");

    const int kept_last[] = {10};
    const dk_fd_range want2[] = {{3, 9}};
    expect_ranges(kept_last, 1, 3, 10, want2, 1, "keep {10} in 3..10");
}

Test(lib_fd_ranges, max_smaller_than_needed)
{
    const int keep[] = {5, 7};
    dk_fd_range out[3] = {{-7, -7}, {-7, -7}, {-7, -7}};
    /* Three ranges are needed: [3,4] [6,6] [8,INT_MAX]; room for one. */
    size_t n = dk__fd_ranges(keep, 2, 3, INT_MAX, out, 1);
    cr_assert_eq(n, 3, "returned %zu, want the needed 3", n);
    cr_assert_eq(out[0].lo, 3);
    cr_assert_eq(out[0].hi, 4);
    cr_assert_eq(out[1].lo, -7, "wrote past max");
    cr_assert_eq(out[2].lo, -7, "wrote past max");

    /* max 0: a sizing call; nothing is written. */
    n = dk__fd_ranges(keep, 2, 3, INT_MAX, out + 1, 0);
    cr_assert_eq(n, 3);
    cr_assert_eq(out[1].lo, -7, "wrote with max 0");
}

Test(lib_fd_ranges, empty_interval)
{
    dk_fd_range out[2] = {{-7, -7}, {-7, -7}};
    cr_assert_eq(dk__fd_ranges(NULL, 0, 10, 3, out, 2), 0, "first > last");
    cr_assert_eq(out[0].lo, -7);

    const int keep[] = {3};
    cr_assert_eq(dk__fd_ranges(keep, 1, 3, 3, out, 2), 0, "only fd kept");
    cr_assert_eq(out[0].lo, -7);

    const dk_fd_range want[] = {{3, 3}};
    expect_ranges(NULL, 0, 3, 3, want, 1, "single fd");
}

/* ---- dk__fd_limit -------------------------------------------------------- */

Test(lib_fd_limit, soft_limit_or_fallback)
{
    cr_assert_eq(dk__fd_limit(1024, 1024), 1024);
    cr_assert_eq(dk__fd_limit(65536, 1024), 65536);
    cr_assert_eq(dk__fd_limit(1L << 20, 1024), 1L << 20);
    cr_assert_eq(dk__fd_limit(8, 1024), 8, "a low limit is still the limit");
    /* Unknown or unlimited: the fallback. RLIM_INFINITY as a long is how a
     * caller that converts getrlimit()'s answer sees "unlimited". */
    cr_assert_eq(dk__fd_limit(0, 1024), 1024);
    cr_assert_eq(dk__fd_limit(-1, 4096), 4096);
    cr_assert_eq(dk__fd_limit((long)RLIM_INFINITY, 4096), 4096);
}

/* ---- dk__fail ------------------------------------------------------------ */

Test(lib_fail, format_with_errno)
{
    dk_error err;
    memset(&err, 0, sizeof err);
    dk_status st = dk__fail(&err, DK_ESYS, "U1", ENOENT,
                            "%s: cannot create PID file", "/run/x.pid");
    cr_assert_eq(st, DK_ESYS);
    cr_assert_eq(err.status, DK_ESYS);
    cr_assert_eq(err.sys_errno, ENOENT);
    cr_assert_str_eq(err.step, "U1");

    char want[DK_ERROR_MAX];
    snprintf(want, sizeof want,
             "daemoniker: U1: /run/x.pid: cannot create PID file: %s",
             strerror(ENOENT));
    cr_assert_str_eq(err.message, want);
}

Test(lib_fail, format_without_errno)
{
    dk_error err;
    memset(&err, 0, sizeof err);
    cr_assert_eq(dk__fail(&err, DK_EINVAL, "send", 0, "%d is not a signal",
                          999),
                 DK_EINVAL);
    cr_assert_eq(err.sys_errno, 0);
    cr_assert_str_eq(err.message, "daemoniker: send: 999 is not a signal");
}

Test(lib_fail, null_err_returns_status)
{
    cr_assert_eq(dk__fail(NULL, DK_EEXIST, "U1", 0, "x"), DK_EEXIST);
    cr_assert_eq(dk__fail(NULL, DK_ESYS, "U1", EIO, "x"), DK_ESYS);
}

Test(lib_fail, newlines_become_spaces)
{
    dk_error err;
    memset(&err, 0, sizeof err);
    dk__fail(&err, DK_ESYS, "U7", EACCES, "%s: cannot open", "/tmp/a\nb\rc");
    char want[DK_ERROR_MAX];
    snprintf(want, sizeof want, "daemoniker: U7: /tmp/a b c: cannot open: %s",
             strerror(EACCES));
    cr_assert_str_eq(err.message, want);
}

Test(lib_fail, long_path_truncated)
{
    /* Far longer than the message: it must be cut, NUL-terminated inside
     * the buffer, and keep its prefix. */
    char *path = long_path(3 * DK_ERROR_MAX);
    dk_error err;
    memset(&err, 'Z', sizeof err);
    dk__fail(&err, DK_ESYS, "U1", ENOENT, "%s: cannot create PID file", path);
    free(path);

    cr_assert_not_null(memchr(err.message, '\0', sizeof err.message),
                       "message not NUL-terminated");
    cr_assert_eq(strlen(err.message), DK_ERROR_MAX - 1);
    cr_assert_eq(strncmp(err.message, "daemoniker: U1: /aaa", 20), 0);
    assert_one_line(err.message, "long path");
    cr_assert_eq(err.sys_errno, ENOENT, "errno kept even when cut");
    /* The middle of the path goes; the reason at the end stays. */
    char want_end[128];
    snprintf(want_end, sizeof want_end, "aaa: cannot create PID file: %s",
             strerror(ENOENT));
    size_t len = strlen(err.message), wlen = strlen(want_end);
    cr_assert(len > wlen && strcmp(err.message + len - wlen, want_end) == 0,
              "reason cut: ...%s", err.message + len - 60);
    cr_assert_not_null(strstr(err.message, "..."), "no elision mark");

    /* An over-long step is cut to fit step[], still a string. */
    memset(&err, 'Z', sizeof err);
    dk__fail(&err, DK_EINVAL, "ABCDEFGHIJKL", 0, "x");
    cr_assert_not_null(memchr(err.step, '\0', sizeof err.step));
    cr_assert_str_eq(err.step, "ABCDEFG");
}

/* ---- subject_parse_args / subject_signal_number ------------------------- */

/* argv from string literals; argc counted by the compiler. */
#define ARGV(...) ((char *[]){"subject", __VA_ARGS__})
#define ARGC(...) ((int)ARRAY_LEN(ARGV(__VA_ARGS__)))
#define PARSE(a, why, ...) \
    subject_parse_args(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), (a), (why), \
                       sizeof(why))

/* A bad command line: -1 and a one-line reason naming the option. */
#define EXPECT_BAD(option, ...)                                              \
    do {                                                                     \
        subject_args a_;                                                     \
        char why_[256];                                                      \
        memset(why_, 0, sizeof why_);                                        \
        int r_ = PARSE(&a_, why_, __VA_ARGS__);                              \
        cr_assert_eq(r_, -1, "accepted: %s", #__VA_ARGS__);                  \
        assert_one_line(why_, #__VA_ARGS__);                                 \
        cr_assert_not_null(strstr(why_, option),                             \
                           "%s: reason \"%s\" does not name %s",             \
                           #__VA_ARGS__, why_, option);                      \
    } while (0)

Test(lib_subject_args, daemonize_full)
{
    subject_args a;
    char why[256] = "";
    int r = PARSE(&a, why, "--pidfile", "/s/p.pid", "--ready", "/s/ready",
                  "--chdir", "/s", "--umask", "022", "--stdin", "/s/in",
                  "--stdout", "/s/out", "--stderr", "/s/err", "--shield", "5",
                  "--shield", "7", "--on", "INT=ignore", "--on", "TERM=log",
                  "--on", "SIGABRT=default");
    cr_assert_eq(r, 0, "rejected: %s", why);
    cr_assert_eq(a.mode, MODE_DAEMONIZE);
    cr_assert_str_eq(a.pidfile, "/s/p.pid");
    cr_assert_str_eq(a.ready, "/s/ready");
    cr_assert_str_eq(a.chdir, "/s");
    cr_assert_eq(a.umask, 022);
    cr_assert_str_eq(a.stdin_path, "/s/in");
    cr_assert_str_eq(a.stdout_path, "/s/out");
    cr_assert_str_eq(a.stderr_path, "/s/err");
    cr_assert_eq(a.n_shield, 2);
    cr_assert_eq(a.shield[0], 5);
    cr_assert_eq(a.shield[1], 7);
    cr_assert_eq(a.on_int, ACTION_IGNORE);
    cr_assert_eq(a.on_term, ACTION_LOG);
    cr_assert_eq(a.on_abrt, ACTION_DEFAULT);
}

Test(lib_subject_args, profile)
{
    subject_args a;
    char why[256] = "";
    cr_assert_eq(PARSE(&a, why, "--pidfile", "/p", "--ready", "/r"), 0);
    cr_assert_not(a.daemon7);
    cr_assert_eq(PARSE(&a, why, "--pidfile", "/p", "--ready", "/r",
                       "--profile", "daemon7"), 0, "rejected: %s", why);
    cr_assert(a.daemon7);
    cr_assert_eq(PARSE(&a, why, "--pidfile", "/p", "--ready", "/r",
                       "--profile", "daemoniker"), 0, "rejected: %s", why);
    cr_assert_not(a.daemon7);
    EXPECT_BAD("--profile", "--pidfile", "/p", "--ready", "/r", "--profile",
               "sysv");
    EXPECT_BAD("--profile", "--pidfile", "/p", "--ready", "/r", "--profile",
               "daemon7", "--profile", "daemon7");
}

Test(lib_subject_args, daemonize_minimal)
{
    subject_args a;
    char why[256] = "";
    cr_assert_eq(PARSE(&a, why, "--pidfile", "/p", "--ready", "/r"), 0,
                 "rejected: %s", why);
    cr_assert_eq(a.mode, MODE_DAEMONIZE);
    cr_assert_eq(a.umask, -1, "umask not given must read -1");
    cr_assert_null(a.chdir);
    cr_assert_null(a.stdin_path);
    cr_assert_null(a.stdout_path);
    cr_assert_null(a.stderr_path);
    cr_assert_eq(a.n_shield, 0);
    cr_assert_eq(a.on_int, ACTION_UNSET);
    cr_assert_eq(a.on_term, ACTION_UNSET);
    cr_assert_eq(a.on_abrt, ACTION_UNSET);

    /* The ends of the umask range. */
    cr_assert_eq(PARSE(&a, why, "--pidfile", "/p", "--ready", "/r", "--umask",
                       "0"),
                 0, "rejected: %s", why);
    cr_assert_eq(a.umask, 0);
    cr_assert_eq(PARSE(&a, why, "--pidfile", "/p", "--ready", "/r", "--umask",
                       "0777"),
                 0, "rejected: %s", why);
    cr_assert_eq(a.umask, 0777);
}

Test(lib_subject_args, send_and_capabilities)
{
    subject_args a;
    char why[256] = "";
    /* --send needs no --ready: it does not daemonize. */
    cr_assert_eq(PARSE(&a, why, "--send", "TERM", "--pidfile", "/p"), 0,
                 "rejected: %s", why);
    cr_assert_eq(a.mode, MODE_SEND);
    cr_assert_eq(a.send_signal, SIGTERM);
    cr_assert_str_eq(a.pidfile, "/p");

    cr_assert_eq(PARSE(&a, why, "--pidfile", "/p", "--send", "SIGINT"), 0,
                 "rejected: %s", why);
    cr_assert_eq(a.send_signal, SIGINT);

    /* --capabilities needs neither --pidfile nor --ready. */
    cr_assert_eq(PARSE(&a, why, "--capabilities"), 0, "rejected: %s", why);
    cr_assert_eq(a.mode, MODE_CAPABILITIES);
}

Test(lib_subject_args, missing_value)
{
    EXPECT_BAD("--pidfile", "--pidfile");
    EXPECT_BAD("--ready", "--pidfile", "/p", "--ready");
    EXPECT_BAD("--umask", "--pidfile", "/p", "--ready", "/r", "--umask");
    EXPECT_BAD("--on", "--pidfile", "/p", "--ready", "/r", "--on");
    EXPECT_BAD("--send", "--pidfile", "/p", "--send");
}

Test(lib_subject_args, bad_umask)
{
    EXPECT_BAD("--umask", "--pidfile", "/p", "--ready", "/r", "--umask", "8");
    EXPECT_BAD("--umask", "--pidfile", "/p", "--ready", "/r", "--umask",
               "0x1ff");
    EXPECT_BAD("--umask", "--pidfile", "/p", "--ready", "/r", "--umask",
               "01000");
    EXPECT_BAD("--umask", "--pidfile", "/p", "--ready", "/r", "--umask", "");
    EXPECT_BAD("--umask", "--pidfile", "/p", "--ready", "/r", "--umask", "-1");
    EXPECT_BAD("--umask", "--pidfile", "/p", "--ready", "/r", "--umask",
               "022x");
}

Test(lib_subject_args, bad_on)
{
    EXPECT_BAD("--on", "--pidfile", "/p", "--ready", "/r", "--on", "TERM");
    EXPECT_BAD("--on", "--pidfile", "/p", "--ready", "/r", "--on", "HUP=log");
    EXPECT_BAD("--on", "--pidfile", "/p", "--ready", "/r", "--on",
               "TERM=explode");
    EXPECT_BAD("--on", "--pidfile", "/p", "--ready", "/r", "--on", "=log");
    EXPECT_BAD("--on", "--pidfile", "/p", "--ready", "/r", "--on",
               "TERM=log=log");
    EXPECT_BAD("--on", "--pidfile", "/p", "--ready", "/r", "--on",
               "AVERYLONGSIGNALNAME=log");
    /* A number that is a signal, but not one of the three. */
    EXPECT_BAD("--on", "--pidfile", "/p", "--ready", "/r", "--on", "1=log");
}

Test(lib_subject_args, bad_shield)
{
    EXPECT_BAD("--shield", "--pidfile", "/p", "--ready", "/r", "--shield",
               "-1");
    EXPECT_BAD("--shield", "--pidfile", "/p", "--ready", "/r", "--shield", "x");
    EXPECT_BAD("--shield", "--pidfile", "/p", "--ready", "/r", "--shield", "");
    EXPECT_BAD("--shield", "--pidfile", "/p", "--ready", "/r", "--shield",
               "3x");
    EXPECT_BAD("--shield", "--pidfile", "/p", "--ready", "/r", "--shield",
               "99999999999");
}

Test(lib_subject_args, too_many_shields)
{
    /* SUBJECT_MAX_SHIELD fit; one more is refused, not written past shield[]. */
    enum { N = SUBJECT_MAX_SHIELD + 1 };
    char *argv[1 + 4 + 2 * N];
    int argc = 0;
    argv[argc++] = "subject";
    argv[argc++] = "--pidfile";
    argv[argc++] = "/p";
    argv[argc++] = "--ready";
    argv[argc++] = "/r";
    for (int i = 0; i < N; i++) {
        argv[argc++] = "--shield";
        argv[argc++] = "4";
    }
    subject_args a;
    char why[256] = "";
    cr_assert_eq(subject_parse_args(argc - 2, argv, &a, why, sizeof why), 0,
                 "rejected %d shields: %s", N - 1, why);
    cr_assert_eq(a.n_shield, SUBJECT_MAX_SHIELD);
    cr_assert_eq(subject_parse_args(argc, argv, &a, why, sizeof why), -1);
    cr_assert_not_null(strstr(why, "--shield"), "reason \"%s\"", why);
    assert_one_line(why, "too many shields");
}

Test(lib_subject_args, unknown_option_and_required)
{
    EXPECT_BAD("--bogus", "--pidfile", "/p", "--ready", "/r", "--bogus", "x");
    EXPECT_BAD("-p", "-p", "/p", "--ready", "/r");
    EXPECT_BAD("--pidfile", "--ready", "/r");
    EXPECT_BAD("--pidfile", "--send", "TERM");
    EXPECT_BAD("--ready", "--pidfile", "/p");
    EXPECT_BAD("--ready", "--pidfile", "/p", "--umask", "022");
    EXPECT_BAD("--send", "--pidfile", "/p", "--send", "HUP");
    EXPECT_BAD("--send", "--pidfile", "/p", "--send", "0");
}

Test(lib_subject_args, reason_fits_small_buffer)
{
    subject_args a;
    char why[8];
    memset(why, 'Z', sizeof why);
    cr_assert_eq(PARSE(&a, why, "--pidfile", "/p", "--ready", "/r", "--umask",
                       "0x1ff"),
                 -1);
    cr_assert_not_null(memchr(why, '\0', sizeof why), "reason not terminated");
}

Test(lib_subject_signal, numbers)
{
    cr_assert_eq(subject_signal_number("INT"), SIGINT);
    cr_assert_eq(subject_signal_number("SIGINT"), SIGINT);
    cr_assert_eq(subject_signal_number("TERM"), SIGTERM);
    cr_assert_eq(subject_signal_number("SIGTERM"), SIGTERM);
    cr_assert_eq(subject_signal_number("ABRT"), SIGABRT);
    cr_assert_eq(subject_signal_number("SIGABRT"), SIGABRT);
    cr_assert_eq(subject_signal_number("15"), 15);
    cr_assert_eq(subject_signal_number("1"), 1);
    cr_assert_eq(subject_signal_number("9"), 9);

    static const char *bad[] = {"", "SIG", "HUP", "SIGHUP", "term", "0",
                                "-1", "15x", "x15", "999"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++)
        cr_assert_eq(subject_signal_number(bad[i]), -1, "accepted \"%s\"",
                     bad[i]);
    char nsig[16];
    snprintf(nsig, sizeof nsig, "%d", NSIG);
    cr_assert_eq(subject_signal_number(nsig), -1, "accepted NSIG");
}

Test(lib_subject_args, strict_numbers)
{
    EXPECT_BAD("--umask", "--pidfile", "/p", "--ready", "/r", "--umask", " 7");
    EXPECT_BAD("--umask", "--pidfile", "/p", "--ready", "/r", "--umask", "+7");
    EXPECT_BAD("--shield", "--pidfile", "/p", "--ready", "/r", "--shield",
               " 4");
    EXPECT_BAD("--shield", "--pidfile", "/p", "--ready", "/r", "--shield",
               "+4");
    cr_assert_eq(subject_signal_number("+15"), -1);
    cr_assert_eq(subject_signal_number(" 15"), -1);
}

Test(lib_subject_args, duplicates_and_strays)
{
    EXPECT_BAD("--pidfile", "--pidfile", "/p", "--ready", "/r", "--pidfile",
               "/q");
    EXPECT_BAD("--ready", "--pidfile", "/p", "--ready", "/r", "--ready", "/s");
    EXPECT_BAD("--umask", "--pidfile", "/p", "--ready", "/r", "--umask", "1",
               "--umask", "2");
    EXPECT_BAD("--on", "--pidfile", "/p", "--ready", "/r", "--on", "TERM=log",
               "--on", "SIGTERM=ignore");
    EXPECT_BAD("unknown option", "--pidfile", "/p", "--ready", "/r", "stray");
}

/* Options naming one file parse: the parser is shared with adapters, which
 * must not refuse for their implementation; the library refuses them
 * (dk_ready, dk__stdio_not_pidfile). Empty paths do not parse. */
Test(lib_subject_args, aliases_parse_empty_do_not)
{
    subject_args a;
    char why[256];
    cr_assert_eq(PARSE(&a, why, "--pidfile", "/p", "--ready", "/p"), 0, "%s",
                 why);
    cr_assert_eq(PARSE(&a, why, "--pidfile", "/p", "--ready", "/r",
                       "--stdout", "/p"), 0, "%s", why);
    EXPECT_BAD("--ready", "--pidfile", "/p", "--ready", "");
    EXPECT_BAD("--pidfile", "--pidfile", "", "--ready", "/r");
}

/* A reason survives an argument of any length: the argument is cut in its
 * middle, not the message at its end. */
Test(lib_subject_args, long_argument_keeps_reason)
{
    static char big[4101];
    memset(big, '7', sizeof big - 1);
    big[2000] = 'x';
    subject_args a;
    char why[256];
    cr_assert_eq(PARSE(&a, why, "--pidfile", "/p", "--ready", "/r", "--umask",
                       big),
                 -1);
    cr_assert_not_null(strstr(why, "expected octal"), "reason lost: %s", why);
    cr_assert_not_null(strstr(why, "..."), "not elided: %s", why);
}
