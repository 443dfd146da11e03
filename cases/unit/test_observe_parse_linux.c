/* test_observe_parse_linux.c: unit tests of observe_linux.c's parsers of
 * /proc/PID/stat, status and fdinfo, which exist on Linux only (the other
 * backends ask their kernels through sysctl, libproc, kinfo_file).
 *
 * Parsers get exact-size heap buffers with no NUL, so a read past len shows
 * under ASan.
 */
#include <criterion/criterion.h>

#include "../../harness/observe.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------ */

/* A copy of s in a buffer of exactly strlen(s) bytes: no NUL to lean on. */
static char *exact(const char *s, size_t *len)
{
    *len = strlen(s);
    char *b = malloc(*len ? *len : 1);
    cr_assert_not_null(b);
    memcpy(b, s, *len);
    return b;
}

static int parse_stat_str(const char *s, obs_stat *st)
{
    size_t n;
    char *b = exact(s, &n);
    int r = obs_parse_stat(b, n, st);
    free(b);
    return r;
}

static int parse_status_str(const char *s, obs_status *st)
{
    size_t n;
    char *b = exact(s, &n);
    int r = obs_parse_status(b, n, st);
    free(b);
    return r;
}

static int parse_flags_str(const char *s, int *flags)
{
    size_t n;
    char *b = exact(s, &n);
    int r = obs_parse_fdinfo_flags(b, n, flags);
    free(b);
    return r;
}

/* ---- obs_parse_stat ----------------------------------------------------- */

static const char weird_stat[] =
    "4242 () (x) y () S 1 4242 4243 34817 4242 4194560 95 0 0 0 0 0 0 0 "
    "20 0 1 0 1234 5 6 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 0 "
    "0 0 0 0\n";

Test(parse_stat, plain)
{
    obs_stat st;
    cr_assert_eq(parse_stat_str("1 (systemd) S 0 1 1 0 -1 4194560 0\n", &st),
                 0);
    cr_assert_eq(st.pid, 1);
    cr_assert_eq(st.state, 'S');
    cr_assert_eq(st.ppid, 0);
    cr_assert_eq(st.pgrp, 1);
    cr_assert_eq(st.sid, 1);
    cr_assert_eq(st.tty_nr, 0);
}

Test(parse_stat, comm_with_spaces_and_parens)
{
    obs_stat st;
    cr_assert_eq(parse_stat_str(weird_stat, &st), 0);
    cr_assert_eq(st.pid, 4242);
    cr_assert_eq(st.state, 'S');
    cr_assert_eq(st.ppid, 1);
    cr_assert_eq(st.pgrp, 4242);
    cr_assert_eq(st.sid, 4243);
    cr_assert_eq(st.tty_nr, 34817);

    cr_assert_eq(parse_stat_str("7 ()) Z 1 2 3 -5 x", &st), 0);
    cr_assert_eq(st.state, 'Z');
    cr_assert_eq(st.tty_nr, -5);
}

Test(parse_stat, truncated_is_rejected)
{
    /* Every cut before the separator after tty_nr must fail; from there on
     * the fields are all present. */
    const char *tty = strstr(weird_stat, "34817 ");
    size_t full = (size_t)(tty - weird_stat) + strlen("34817 ");

    for (size_t k = 0; k <= strlen(weird_stat); k++) {
        char *b = malloc(k ? k : 1);
        obs_stat st;
        memcpy(b, weird_stat, k);
        int r = obs_parse_stat(b, k, &st);
        free(b);
        if (k < full)
            cr_assert_eq(r, -1, "prefix of %zu bytes accepted", k);
        else
            cr_assert(r == 0 && st.tty_nr == 34817, "prefix %zu", k);
    }
}

Test(parse_stat, malformed)
{
    static const char *bad[] = {
        "", " ", "(", ")", "abc", "12", "12 ", "12 (", "12 (x", "12 (x)",
        "12 (x) ", "12 (x) S", "12 (x) S ", "12 (x) S 1 2 3 4",
        "x2 (x) S 1 2 3 4 ", "12(x) S 1 2 3 4 ", "12 (x)S 1 2 3 4 ",
        "12 (x) 1 1 2 3 4 ", "12 (x) S  1 2 3 4 ", "12 (x) S 1 2 3 a ",
        "99999999999 (x) S 1 2 3 4 ", "12 (x) S 1 2 3 -99999999999 ",
        "12 (x) S 1 2 3 4\n", "-  (x) S 1 2 3 4 ",
    };
    obs_stat st = { .pid = 77 };

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(parse_stat_str(bad[i], &st), -1, "accepted \"%s\"",
                     bad[i]);
    cr_assert_eq(st.pid, 77, "output written on failure");
}

Test(parse_stat, not_nul_terminated)
{
    /* The bytes after len must not be looked at: here they would complete
     * the line. */
    const char *line = "5 (a) R 1 2 3 4 5 6";
    obs_stat st;

    cr_assert_eq(obs_parse_stat(line, 14, &st), -1); /* "5 (a) R 1 2 3 " */
    cr_assert_eq(obs_parse_stat(line, 16, &st), 0);
    cr_assert_eq(st.tty_nr, 4);
}

Test(parsers, random_bytes_never_crash)
{
    /* A poor man's fuzz run: bytes biased towards the syntax. */
    static const char alpha[] = "0123456789 ()SZ-\n:\tabfxUmaskSigPndflags";
    uint32_t x = 12345;

    for (int i = 0; i < 20000; i++) {
        size_t n = (x = x * 1103515245u + 12345u) >> 26; /* 0..63 */
        char *b = malloc(n ? n : 1);
        obs_stat st;
        obs_status ss;
        int fl;

        for (size_t k = 0; k < n; k++) {
            x = x * 1103515245u + 12345u;
            b[k] = (x >> 24) & 1 ? alpha[(x >> 8) % (sizeof alpha - 1)]
                                 : (char)(x >> 16);
        }
        (void)obs_parse_stat(b, n, &st);
        (void)obs_parse_status(b, n, &ss);
        (void)obs_parse_fdinfo_flags(b, n, &fl);
        free(b);
    }
}

/* ---- obs_parse_status --------------------------------------------------- */

static const char status_text[] =
    "Name:\tcat\n"
    "Umask:\t0022\n"
    "State:\tR (running)\n"
    "Tgid:\t100\n"
    "SigQ:\t0/31308\n"
    "SigPnd:\t0000000000000001\n"
    "ShdPnd:\t0000000000000100\n"
    "SigBlk:\t0000000000010000\n"
    "SigIgn:\t0000000000001000\n"
    "SigCgt:\tfffffffe80000002\n"
    "CapInh:\t0000000000000000\n"
    "Cpus_allowed_list:\t0-1\n";

Test(parse_status, with_umask)
{
    obs_status st;
    cr_assert_eq(parse_status_str(status_text, &st), 0);
    cr_assert_eq(st.umask, 022);
    cr_assert_eq(st.sig_pending_thread, OBS_SIGBIT(SIGHUP));
    cr_assert_eq(st.sig_pending_process, OBS_SIGBIT(SIGKILL));
    cr_assert_eq(st.sig_blocked, OBS_SIGBIT(17));
    cr_assert_eq(st.sig_ignored, OBS_SIGBIT(13));
    cr_assert_eq(st.sig_caught, UINT64_C(0xfffffffe80000002));
}

Test(parse_status, without_umask)
{
    char text[sizeof status_text];
    char *u = strstr(strcpy(text, status_text), "Umask:");
    obs_status st;

    memmove(u, strchr(u, '\n') + 1, strlen(strchr(u, '\n') + 1) + 1);
    cr_assert_eq(parse_status_str(text, &st), 0);
    cr_assert_eq(st.umask, -1);
    cr_assert_eq(st.sig_ignored, OBS_SIGBIT(13));
}

Test(parse_status, malformed)
{
    char text[sizeof status_text + 64];
    obs_status st = { .umask = 99 };
    static const struct {
        const char *from, *to;
    } edits[] = {
        { "SigCgt:", "SigCgx:" },               /* a field missing */
        { "\tfffffffe80000002", "\tfffffffe8000000g" },  /* bad hex */
        { "\tfffffffe80000002", "\t1fffffffe80000002" }, /* overflow */
        { "\tfffffffe80000002", "\t" },         /* empty value */
        { "\tfffffffe80000002", "\tfffffffe 80000002" }, /* junk after */
        { "Umask:\t0022", "Umask:\t0028" },     /* not octal */
        { "Umask:\t0022", "Umask:\t77777" },    /* not a umask */
    };

    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        char *at = strstr(strcpy(text, status_text), edits[i].from);
        char rest[sizeof text];
        cr_assert_not_null(at);
        strcpy(rest, at + strlen(edits[i].from));
        strcpy(stpcpy(at, edits[i].to), rest);
        cr_assert_eq(parse_status_str(text, &st), -1, "edit %zu", i);
    }
    cr_assert_eq(st.umask, 99, "output written on failure");
    cr_assert_eq(parse_status_str("", &st), -1);
}

Test(parse_status, truncated)
{
    /* Cut inside the last signal value: no '\n', so it cannot be trusted.
     * Cut after it: fine. */
    const char *cgt = strstr(status_text, "SigCgt:");
    size_t nl = (size_t)(strchr(cgt, '\n') - status_text);
    obs_status st;

    for (size_t k = 0; k <= nl; k++)
        cr_assert_eq(obs_parse_status(status_text, k, &st), -1, "cut %zu", k);
    cr_assert_eq(obs_parse_status(status_text, nl + 1, &st), 0);
    cr_assert_eq(st.sig_caught, UINT64_C(0xfffffffe80000002));
}

/* ---- obs_parse_fdinfo_flags --------------------------------------------- */

Test(parse_fdinfo, flags)
{
    int fl = 0;
    cr_assert_eq(parse_flags_str("pos:\t0\nflags:\t0100002\nmnt_id:\t25\n"
                                 "ino:\t1234\n", &fl), 0);
    cr_assert_eq(fl, 0100002);
    cr_assert_eq(parse_flags_str("flags:\t02000000\n", &fl), 0);
    cr_assert_eq(fl, O_CLOEXEC);
}

Test(parse_fdinfo, malformed)
{
    static const char *bad[] = {
        "", "pos:\t0\n", "flags:\t0100008\n", "flags:\t\n", "flags:\t02",
        "xflags:\t02\n", "flags:\t-2\n", "flags:\t777777777777\n",
        "pos:\t0\nflags:", "flags:\t02 x\n",
    };
    int fl = 5;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        cr_assert_eq(parse_flags_str(bad[i], &fl), -1, "accepted \"%s\"",
                     bad[i]);
    cr_assert_eq(fl, 5);
}

/* ---- obs_parse_ids: Uid, Gid and Groups of /proc/PID/status ---- */

Test(parse_ids, plain)
{
    static const char text[] = "Name:\tx\nUid:\t65534\t65534\t65534\t65534\n"
                               "Gid:\t65534\t1\t2\t3\nFDSize:\t64\n"
                               "Groups:\t65534 27 \nNStgid:\t1\n";
    obs_ids ids;
    cr_assert_eq(obs_parse_ids(text, sizeof text - 1, &ids), 0);
    cr_assert_eq(ids.uid[0], 65534);
    cr_assert_eq(ids.uid[2], 65534);
    cr_assert_eq(ids.gid[1], 1);
    cr_assert_eq(ids.gid[3], 3);
    cr_assert_eq(ids.n_groups, 2);
    cr_assert_eq(ids.groups[0], 65534);
    cr_assert_eq(ids.groups[1], 27);
}

Test(parse_ids, no_groups)
{
    static const char text[] = "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\t\n";
    obs_ids ids;
    cr_assert_eq(obs_parse_ids(text, sizeof text - 1, &ids), 0);
    cr_assert_eq(ids.n_groups, 0);
}

Test(parse_ids, malformed)
{
    static const char *const bad[] = {
        "Uid:\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\t\n",      /* three ids */
        "Uid:\t0\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\t\n", /* five */
        "Uid:\t0\t0\t0\t0\nGroups:\t\n",                      /* no Gid */
        "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n",               /* no Groups */
        "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\tx\n",   /* garbage */
        "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\t1",     /* cut */
        "Uid:\t99999999999\t0\t0\t0\nGid:\t0\t0\t0\t0\nGroups:\t\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        obs_ids ids;
        cr_expect_eq(obs_parse_ids(bad[i], strlen(bad[i]), &ids), -1,
                     "accepted: %s", bad[i]);
    }
}
