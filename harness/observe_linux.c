/* observe_linux.c: observe.h over /proc (the tree walk is observe_tree.c).
 *
 * The parsers take untrusted bytes (a comm is chosen by the subject, and the
 * fuzzer feeds anything), so they use bounded cursors, never str* functions
 * that need a NUL.
 */
#include "observe.h"
#include "observe_scan.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- parsers ---------------------------------------------------------- */

/* Digits of base at *p (before end) into *v, at most max. The whole run of
 * alphanumerics must be digits of base, so "0108" is not octal 010. */
static bool parse_uint(const char **p, const char *end, unsigned base,
                       uint64_t max, uint64_t *v)
{
    const char *s = *p;
    uint64_t n = 0;

    for (; s < end; s++) {
        unsigned d;
        char c = *s;
        if (c >= '0' && c <= '9')
            d = (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'z')
            d = (unsigned)(c - 'a') + 10;
        else if (c >= 'A' && c <= 'Z')
            d = (unsigned)(c - 'A') + 10;
        else
            break;
        if (d >= base || n > (max - d) / base)
            return false;
        n = n * base + d;
    }
    if (s == *p)
        return false;
    *p = s;
    *v = n;
    return true;
}

/* A decimal int, possibly negative (tty_nr is printed with %d). */
static bool parse_int(const char **p, const char *end, int *v)
{
    bool neg = *p < end && **p == '-';
    const char *s = *p + neg;
    uint64_t n;

    if (!parse_uint(&s, end, 10, neg ? (uint64_t)INT_MAX + 1 : INT_MAX, &n))
        return false;
    *v = neg ? (int)(-(int64_t)n) : (int)n;
    *p = s;
    return true;
}

static bool expect(const char **p, const char *end, char c)
{
    if (*p >= end || **p != c)
        return false;
    (*p)++;
    return true;
}

int obs_parse_stat(const char *buf, size_t len, obs_stat *out)
{
    const char *p = buf, *end, *close;
    obs_stat st;

    if (!buf || !out)
        return -1;
    end = buf + len;
    if (!parse_int(&p, end, &st.pid) || !expect(&p, end, ' ') ||
        !expect(&p, end, '('))
        return -1;
    /* comm is free text ("a) (b" is a valid name); nothing after it holds a
     * ')', so the last one closes it. */
    close = memrchr(p, ')', (size_t)(end - p));
    if (!close)
        return -1;
    p = close + 1;
    if (!expect(&p, end, ' ') || p >= end)
        return -1;
    st.state = *p++;
    if (!((st.state >= 'A' && st.state <= 'Z') ||
          (st.state >= 'a' && st.state <= 'z')))
        return -1;
    /* Each field must be followed by its separator, so input cut inside a
     * number is rejected rather than read as a shorter number. */
    if (!expect(&p, end, ' ') || !parse_int(&p, end, &st.ppid) ||
        !expect(&p, end, ' ') || !parse_int(&p, end, &st.pgrp) ||
        !expect(&p, end, ' ') || !parse_int(&p, end, &st.sid) ||
        !expect(&p, end, ' ') || !parse_int(&p, end, &st.tty_nr) ||
        !expect(&p, end, ' '))
        return -1;
    *out = st;
    return 0;
}

/* The line [line, eol) is "key:<blanks>value"; eol points at its '\n' or at
 * the end of input. 1: parsed into *v; 0: another key; -1: malformed. */
static int key_value(const char *line, const char *eol, bool has_nl,
                     const char *key, unsigned base, uint64_t max,
                     uint64_t *v)
{
    size_t klen = strlen(key);
    const char *p = line + klen;

    if ((size_t)(eol - line) < klen || memcmp(line, key, klen) != 0)
        return 0;
    while (p < eol && (*p == '\t' || *p == ' '))
        p++;
    if (!has_nl || !parse_uint(&p, eol, base, max, v) || p != eol)
        return -1;
    return 1;
}

int obs_parse_status(const char *buf, size_t len, obs_status *out)
{
    static const char *const sigs[] = { "SigPnd:", "ShdPnd:", "SigBlk:",
                                        "SigIgn:", "SigCgt:" };
    const size_t nsigs = sizeof sigs / sizeof sigs[0];
    const char *p = buf, *end;
    obs_status st = { .umask = -1 };
    uint64_t *const dst[] = { &st.sig_pending_thread, &st.sig_pending_process,
                              &st.sig_blocked, &st.sig_ignored,
                              &st.sig_caught };
    unsigned found = 0;

    if (!buf || !out)
        return -1;
    end = buf + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        uint64_t v;
        int r = key_value(p, eol, nl != NULL, "Umask:", 8, 07777, &v);

        if (r < 0)
            return -1;
        if (r > 0)
            st.umask = (int)v;
        for (size_t i = 0; r == 0 && i < nsigs; i++) {
            r = key_value(p, eol, nl != NULL, sigs[i], 16, UINT64_MAX, &v);
            if (r < 0)
                return -1;
            if (r > 0) {
                *dst[i] = v;
                found |= 1u << i;
            }
        }
        p = nl ? nl + 1 : end;
    }
    if (found != (1u << nsigs) - 1)
        return -1;
    *out = st;
    return 0;
}

int obs_parse_fdinfo_flags(const char *buf, size_t len, int *flags)
{
    const char *p = buf, *end;

    if (!buf || !flags)
        return -1;
    end = buf + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        uint64_t v;
        int r = key_value(p, nl ? nl : end, nl != NULL, "flags:", 8,
                          INT_MAX, &v);

        if (r < 0)
            return -1;
        if (r > 0) {
            *flags = (int)v;
            return 0;
        }
        p = nl ? nl + 1 : end;
    }
    return -1;
}

/* ---- readers ---------------------------------------------------------- */

/* Up to size bytes of /proc/PID/NAME; the length or -1 with errno. */
static ssize_t read_proc(pid_t pid, const char *name, char *buf, size_t size)
{
    char path[64];
    size_t len = 0;
    int fd;

    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    while (len < size) {
        ssize_t n = read(fd, buf + len, size - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    return (ssize_t)len;
}

static int read_link(pid_t pid, const char *name, char *buf, size_t size)
{
    char path[64];
    ssize_t n;

    if (size == 0) {
        errno = EINVAL;
        return -1;
    }
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
    n = readlink(path, buf, size);
    if (n < 0)
        return -1;
    if ((size_t)n >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    buf[n] = '\0';
    return 0;
}

/* A parser's verdict on what the kernel gave: unparsable is EIO. */
static int parsed(int rc)
{
    if (rc != 0) {
        errno = EIO;
        return -1;
    }
    return 0;
}

int obs_read_stat(pid_t pid, obs_stat *out)
{
    char buf[4096];
    ssize_t n = read_proc(pid, "stat", buf, sizeof buf);
    return n < 0 ? -1 : parsed(obs_parse_stat(buf, (size_t)n, out));
}

/* The status file, whose signal masks and ids come early: a long
 * Cpus_allowed tail may be cut. */
#define STATUS_MAX 8192

int obs_read_status(pid_t pid, obs_status *out)
{
    char buf[STATUS_MAX];
    ssize_t n = read_proc(pid, "status", buf, sizeof buf);
    return n < 0 ? -1 : parsed(obs_parse_status(buf, (size_t)n, out));
}

/* "Uid:\t0\t0\t0\t0": exactly four decimal ids; -1 if malformed. */
static int four_ids(const char *p, const char *eol, long *out)
{
    for (int i = 0; i < 4; i++) {
        uint64_t v;
        while (p < eol && (*p == '\t' || *p == ' '))
            p++;
        if (!parse_uint(&p, eol, 10, UINT32_MAX, &v))
            return -1;
        out[i] = (long)v;
    }
    while (p < eol && (*p == '\t' || *p == ' '))
        p++;
    return p == eol ? 0 : -1;
}

static bool starts(const char *p, const char *eol, const char *key)
{
    size_t n = strlen(key);
    return (size_t)(eol - p) >= n && memcmp(p, key, n) == 0;
}

int obs_parse_ids(const char *buf, size_t len, obs_ids *out)
{
    obs_ids ids;
    unsigned found = 0;
    const char *p = buf, *end;

    if (!buf || !out)
        return -1;
    memset(&ids, 0, sizeof ids);
    end = buf + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *eol = nl ? nl : end;
        if (starts(p, eol, "Uid:")) {
            if (!nl || four_ids(p + 4, eol, ids.uid) < 0)
                return -1;
            found |= 1;
        } else if (starts(p, eol, "Gid:")) {
            if (!nl || four_ids(p + 4, eol, ids.gid) < 0)
                return -1;
            found |= 2;
        } else if (starts(p, eol, "Groups:")) {
            const char *q = p + 7;
            if (!nl)
                return -1;
            for (;;) {
                uint64_t v;
                while (q < eol && (*q == '\t' || *q == ' '))
                    q++;
                if (q == eol)
                    break;
                if (ids.n_groups == OBS_MAX_GROUPS ||
                    !parse_uint(&q, eol, 10, UINT32_MAX, &v))
                    return -1;
                ids.groups[ids.n_groups++] = (long)v;
            }
            found |= 4;
        }
        p = nl ? nl + 1 : end;
    }
    if (found != 7)
        return -1;
    *out = ids;
    return 0;
}

int obs_read_ids(pid_t pid, obs_ids *out)
{
    char buf[STATUS_MAX];
    ssize_t n = read_proc(pid, "status", buf, sizeof buf);
    return n < 0 ? -1 : parsed(obs_parse_ids(buf, (size_t)n, out));
}

int obs_read_cwd(pid_t pid, char *buf, size_t size)
{
    return read_link(pid, "cwd", buf, size);
}

int obs_read_exe(pid_t pid, char *buf, size_t size)
{
    return read_link(pid, "exe", buf, size);
}

int obs_read_environ(pid_t pid, char *buf, size_t size, size_t *len)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/environ", (int)pid);
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return -1;
    *len = fread(buf, 1, size, f);
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        errno = EIO;
        return -1;
    }
    return 0;
}

int obs_read_fd(pid_t pid, int fd, obs_fd *out)
{
    char name[32], buf[4096];
    ssize_t n;

    out->fd = fd;
    snprintf(name, sizeof name, "fd/%d", fd);
    if (read_link(pid, name, out->target, sizeof out->target) != 0)
        return -1;
    /* The link itself, stat()ed, is the object open there, whatever name
     * it had or has lost. */
    char link[64];
    struct stat st;
    snprintf(link, sizeof link, "/proc/%d/fd/%d", (int)pid, fd);
    out->have_id = stat(link, &st) == 0;
    out->dev = out->have_id ? (unsigned long long)st.st_dev : 0;
    out->ino = out->have_id ? (unsigned long long)st.st_ino : 0;
    snprintf(name, sizeof name, "fdinfo/%d", fd);
    n = read_proc(pid, name, buf, sizeof buf);
    if (n < 0)
        return -1;
    if (obs_parse_fdinfo_flags(buf, (size_t)n, &out->flags) != 0) {
        errno = EIO;
        return -1;
    }
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int obs_list_fds(pid_t pid, obs_fd *out, size_t max)
{
    char path[64];
    struct dirent *e;
    int *fds = NULL;
    size_t n = 0, cap = 0, count = 0;
    DIR *d;

    snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
    d = opendir(path);
    if (!d)
        return -1;
    while ((e = readdir(d))) {
        const char *p = e->d_name;
        uint64_t v;
        if (!parse_uint(&p, p + strlen(p), 10, INT_MAX, &v) || *p)
            continue;
        if (n == cap) {
            int *m = realloc(fds, (cap = cap ? 2 * cap : 64) * sizeof *fds);
            if (!m) {
                free(fds);
                closedir(d);
                errno = ENOMEM;
                return -1;
            }
            fds = m;
        }
        fds[n++] = (int)v;
    }
    closedir(d);
    if (n > 1) /* fds is NULL when nothing was listed */
        qsort(fds, n, sizeof *fds, cmp_int);
    /* Past max, each fd is still read (into scratch), so that one closed
     * since it was listed is not counted. */
    static obs_fd scratch;
    for (size_t i = 0; i < n; i++) {
        if (obs_read_fd(pid, fds[i], count < max ? &out[count] : &scratch) == 0)
            count++;
        else if (errno != ENOENT) {
            /* ENOENT: closed since listed (our own opendir fd, at least). */
            int e2 = errno;
            free(fds);
            errno = e2;
            return -1;
        }
    }
    free(fds);
    return (int)(count > INT_MAX ? INT_MAX : count);
}

/* ---- for the run markers (observe_scan.h) -------------------------------- */

/* Field 22 of /proc/PID/stat: with the PID, it names a process uniquely
 * (a PID alone may have been reused since). 0 if unknown. */
unsigned long long obs__start_time(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = strrchr(buf, ')');
    unsigned long long t = 0;
    /* After ") ": state and 18 more fields precede starttime. */
    if (p == NULL ||
        sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u "
                      "%*d %*d %*d %*d %*d %*d %llu",
               &t) != 1)
        return 0;
    return t;
}

/* /proc/PID/environ: the entries, each NUL-terminated. */
bool obs__env_has(pid_t pid, const char *entry)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/environ", (int)pid);
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return false;
    bool found = false;
    char *line = NULL;
    size_t cap = 0;
    while (!found && getdelim(&line, &cap, '\0', f) > 0)
        found = strcmp(line, entry) == 0;
    free(line);
    fclose(f);
    return found;
}

/* Whether link `name` of pid points into dir (dir itself or below it). */
static bool link_inside(pid_t pid, const char *name, const char *dir, size_t n)
{
    char target[PATH_MAX];
    return read_link(pid, name, target, sizeof target) == 0 &&
           strncmp(target, dir, n) == 0 && (target[n] == '/' || target[n] == '\0');
}

bool obs__uses_dir(pid_t pid, const char *dir)
{
    size_t n = strlen(dir);
    if (link_inside(pid, "cwd", dir, n))
        return true;
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
    DIR *d = opendir(path);
    if (d == NULL)
        return false;
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d)) != NULL) {
        char name[sizeof "fd/" + sizeof e->d_name];
        if (e->d_name[0] == '.')
            continue;
        snprintf(name, sizeof name, "fd/%s", e->d_name);
        found = link_inside(pid, name, dir, n);
    }
    closedir(d);
    return found;
}

/* ---- the process table ------------------------------------------------- */

/* Every process in /proc, in one pass; the count, or -1. */
ssize_t obs__scan(obs__proc **out)
{
    obs__proc *v = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    DIR *d = opendir("/proc");

    if (!d)
        return -1;
    while ((e = readdir(d))) {
        const char *p = e->d_name;
        uint64_t pid;
        obs_stat st;

        if (!parse_uint(&p, p + strlen(p), 10, INT_MAX, &pid) || *p ||
            obs_read_stat((pid_t)pid, &st) != 0)
            continue;
        if (n == cap) {
            obs__proc *m = realloc(v, (cap = cap ? 2 * cap : 512) * sizeof *v);
            if (!m) {
                free(v);
                closedir(d);
                return -1;
            }
            v = m;
        }
        v[n++] = (obs__proc){ st.pid, st.ppid, st.state };
    }
    closedir(d);
    *out = v;
    return (ssize_t)n;
}

uint64_t obs_libc_signals(void)
{
    uint64_t bits = 0;
    for (int sig = 32; sig < SIGRTMIN; sig++)
        bits |= OBS_SIGBIT(sig);
    return bits;
}
