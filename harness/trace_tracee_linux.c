/* trace_tracee_linux.c: the tracer's tracees, the records of their calls, and
 * what a stopped tracee's call names (trace_linux.h). */
#include "trace_linux.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

tracer_state tr;
FILE *tr_debug_log;

tracee *tr_find(pid_t pid)
{
    for (size_t i = 0; i < MAX_TRACEES; i++)
        if (tr.t[i].used && tr.t[i].pid == pid)
            return &tr.t[i];
    return NULL;
}

tracee *tr_add(pid_t pid, int launcher)
{
    tracee *t = tr_find(pid);
    if (t != NULL)
        return t;
    for (size_t i = 0; i < MAX_TRACEES; i++)
        if (!tr.t[i].used) {
            tr.t[i] = (tracee){.pid = pid, .launcher = launcher,
                               .state = RUNNING, .rec = -1, .used = true};
            return &tr.t[i];
        }
    return NULL;
}

size_t tr_live_in(int launcher)
{
    size_t n = 0;
    for (size_t i = 0; i < MAX_TRACEES; i++)
        n += tr.t[i].used && tr.t[i].launcher == launcher;
    return n;
}

/* A process whose first stop came before its parent's fork event: its
 * launcher is its thread group's, or its parent's. */
int tr_launcher_of_new(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE *f = fopen(path, "re");
    if (f == NULL)
        return -1;
    pid_t tgid = 0, ppid = 0;
    while (fgets(buf, sizeof buf, f)) {
        sscanf(buf, "Tgid: %d", &tgid);
        sscanf(buf, "PPid: %d", &ppid);
    }
    fclose(f);
    tracee *t = tgid != pid ? tr_find(tgid) : NULL;
    if (t == NULL)
        t = tr_find(ppid);
    return t ? t->launcher : -1;
}

long tr_record(const tracee *t, const char *name, const long arg[6])
{
    shared *sh = tr.s->sh;
    size_t n = __atomic_load_n(&sh->n, __ATOMIC_RELAXED);
    if (n == MAX_CALLS) {
        sh->overflow = true;
        return -1;
    }
    trace_call *c = &sh->calls[n];
    memset(c, 0, sizeof *c);
    c->pid = t->pid;
    c->launcher = t->launcher;
    snprintf(c->name, sizeof c->name, "%s", name);
    if (arg)
        memcpy(c->arg, arg, sizeof c->arg);
    __atomic_store_n(&sh->n, n + 1, __ATOMIC_RELEASE);
    return (long)n;
}

void tr_set_result(long rec, long ret)
{
    if (rec < 0)
        return;
    trace_call *c = &tr.s->sh->calls[rec];
    c->ret = ret;
    __atomic_store_n(&c->done, true, __ATOMIC_RELEASE);
}

static bool read_string(pid_t pid, long addr, char *out, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/mem", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    /* pread stops at the end of the mapping: a short read is fine. */
    ssize_t r = pread(fd, out, size - 1, (off_t)addr);
    close(fd);
    if (r <= 0)
        return false;
    out[r] = '\0';
    return true;
}

static bool read_link(pid_t pid, const char *what, char *out, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, what);
    ssize_t r = readlink(path, out, size - 1);
    if (r < 0)
        return false;
    out[r] = '\0';
    return true;
}

bool tr_fd_target(pid_t pid, long fd, char *out, size_t size)
{
    char what[32];
    snprintf(what, sizeof what, "fd/%ld", fd);
    return read_link(pid, what, out, size);
}

/* The absolute path a (dirfd, path) pair names, without resolving links. */
bool tr_resolve_at(pid_t pid, long dirfd, long addr, char *out,
                       size_t size)
{
    char rel[PATH_MAX], base[PATH_MAX];
    if (!read_string(pid, addr, rel, sizeof rel))
        return false;
    if (rel[0] == '/') {
        snprintf(out, size, "%s", rel);
        return true;
    }
    bool ok = (int)dirfd == AT_FDCWD ? read_link(pid, "cwd", base, sizeof base)
                                     : tr_fd_target(pid, dirfd, base, sizeof base);
    if (!ok)
        return false;
    size_t nb = strlen(base), nr = strlen(rel);
    if (nb + 1 + nr + 1 > size)
        return false;
    memcpy(out, base, nb);
    out[nb] = '/';
    memcpy(out + nb + 1, rel, nr + 1);
    if (nr == 0)
        out[nb] = '\0';
    return true;
}

/* A call's record keeps the head of a long path, marked as cut: enough to
 * name it in a verdict, and the record stays one fixed size. */
void tr_keep_path(char *dst, size_t size, const char *src)
{
    if (snprintf(dst, size, "%s", src) >= (int)size && size > 4)
        memcpy(dst + size - 4, "...", 4);
}

bool tr_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

bool tr_strictly_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && path[n] == '/';
}

bool tr_is_lock_cmd(long cmd)
{
    return cmd == F_SETLK || cmd == F_SETLKW || cmd == F_OFD_SETLK ||
           cmd == F_OFD_SETLKW;
}

/* The l_type of the struct flock at addr in the tracee, or -1. */
int tr_lock_type(pid_t pid, long addr)
{
    char path[64];
    short type = -1;
    snprintf(path, sizeof path, "/proc/%d/mem", (int)pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    if (pread(fd, &type, sizeof type,
              (off_t)addr + (off_t)offsetof(struct flock, l_type)) !=
        (ssize_t)sizeof type)
        type = -1;
    close(fd);
    return type;
}
