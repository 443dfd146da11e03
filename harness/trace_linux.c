/* trace_linux.c: trace.h with ptrace, stopping only on the calls of interest.
 *
 * The tracer is a process of its own, forked by the case before its
 * launchers: the case's worker reaps children with waitpid(-1), which would
 * take the tracer's ptrace stops if both lived in one process. Each launcher
 * is attached (PTRACE_SEIZE) while it waits on case.c's barrier, and just
 * before exec installs a seccomp filter that returns SECCOMP_RET_TRACE for
 * the calls of interest and lets every other call run untouched: a traced
 * process stops only on those (plus forks, execs and signals), where
 * PTRACE_SYSCALL would stop on every call twice (see the report's figures).
 * Children and threads are attached by the kernel (TRACEFORK, TRACEVFORK,
 * TRACECLONE), so interpreters and threaded runtimes are followed. For a
 * call touching the sandbox the tracer also waits for its return
 * (PTRACE_SYSCALL from the seccomp stop gives the exit stop), so the
 * record holds the result.
 *
 * What the tracer records goes to memory shared with the case (no file in
 * the sandbox, so the case's listings are unchanged).
 */
#include "trace.h"

#include "run_config.h"
#include "wait.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

/* The native architecture, for the filter's first test (calls made through
 * another ABI are let through, unrecorded). */
#if defined(__x86_64__)
#define TRACE_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define TRACE_AUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__riscv) && __riscv_xlen == 64
#define TRACE_AUDIT_ARCH AUDIT_ARCH_RISCV64
#else
/* Unknown here: dkcheck still builds, and the traced cases skip (probe). */
#define TRACE_AUDIT_ARCH 0
#endif

enum {
    MAX_CALLS = 4096,
    MAX_TRACEES = 1024,
    HOLD_SECONDS = 5,            /* after the first launcher is held, the
                                  * others have this long to reach the hold
                                  * point (one blocked elsewhere never does) */
    FILTER_MAX = 64,
};

/* How a call names what it touches. */
typedef enum kind {
    K_PATH,          /* arg0 is a path */
    K_AT_PATH,       /* arg0 a directory fd, arg1 a path */
    K_PATH2,         /* arg0 and arg1 are paths */
    K_AT_PATH2,      /* arg0 fd, arg1 path, arg2 fd, arg3 path */
    K_FD,            /* arg0 is an fd */
    K_LOCK,          /* arg0 an fd, and it takes a lock */
    K_FCNTL,         /* arg0 an fd; a lock when arg1 is a lock command */
    K_ALWAYS,        /* the process's own state: always recorded */
} kind;

/* The calls of interest. The legacy path calls exist on x86_64 only; the
 * table is data, so the architecture test stays out of the functions. */
static const struct call_kind {
    long nr;
    const char *name;
    kind kind;
} interesting[] = {
    {SYS_openat, "openat", K_AT_PATH},
    {SYS_newfstatat, "newfstatat", K_AT_PATH},
    {SYS_faccessat, "faccessat", K_AT_PATH},
    {SYS_faccessat2, "faccessat2", K_AT_PATH},
    {SYS_statx, "statx", K_AT_PATH},
    {SYS_linkat, "linkat", K_AT_PATH2},
    {SYS_renameat, "renameat", K_AT_PATH2},
    {SYS_renameat2, "renameat2", K_AT_PATH2},
    {SYS_unlinkat, "unlinkat", K_AT_PATH},
    {SYS_flock, "flock", K_LOCK},
    {SYS_fcntl, "fcntl", K_FCNTL},
    {SYS_setsid, "setsid", K_ALWAYS},
    {SYS_umask, "umask", K_ALWAYS},
    {SYS_chdir, "chdir", K_ALWAYS},
    {SYS_fchdir, "fchdir", K_ALWAYS},
    {SYS_close, "close", K_FD},
    {SYS_close_range, "close_range", K_ALWAYS},
    {SYS_dup3, "dup3", K_FD},
#ifdef SYS_open
    {SYS_open, "open", K_PATH},
    {SYS_creat, "creat", K_PATH},
    {SYS_stat, "stat", K_PATH},
    {SYS_lstat, "lstat", K_PATH},
    {SYS_access, "access", K_PATH},
    {SYS_link, "link", K_PATH2},
    {SYS_rename, "rename", K_PATH2},
    {SYS_unlink, "unlink", K_PATH},
    {SYS_dup2, "dup2", K_FD},
#endif
};
#define N_INTERESTING (sizeof interesting / sizeof interesting[0])

/* What the tracer and the case share. */
typedef struct shared {
    pid_t tracer;
    bool forced;
    bool timed_out;                  /* a launcher never came to the hold */
    char note[512];
    size_t n;                        /* calls[0..n) are filled */
    bool overflow;
    trace_call calls[MAX_CALLS];
} shared;

struct trace_session {
    trace_plan plan;
    size_t k;
    char sandbox[PATH_MAX];
    char watch[PATH_MAX];
    char pidfile[PATH_MAX];
    char ready[TRACE_MAX_LAUNCHERS][PATH_MAX];
    struct sock_filter filter[FILTER_MAX];
    struct sock_fprog prog;
    char **envp;                     /* the traced launchers' environment */
    bool every_call;                 /* DKCHECK_TRACE_EVERY_CALL: no filter,
                                      * every call stops (to measure) */
    int cmd[2];                      /* case -> tracer: launchers to attach */
    int ack[2];                      /* tracer -> case: 0 or errno */
    shared *sh;
};

static trace_session *current;

/* ---- the filter ------------------------------------------------------- */

static void build_filter(trace_session *t)
{
    struct sock_filter *f = t->filter;
    size_t n = 0, calls = N_INTERESTING;
    f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
                                          offsetof(struct seccomp_data, arch));
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
                                          TRACE_AUDIT_ARCH, 1, 0);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
                                          offsetof(struct seccomp_data, nr));
    /* Each test jumps to the TRACE at the end when equal. */
    for (size_t i = 0; i < calls; i++)
        f[n++] = (struct sock_filter)BPF_JUMP(
            BPF_JMP | BPF_JEQ | BPF_K, (unsigned)interesting[i].nr,
            (unsigned char)(calls - i), 0);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
    t->prog.len = (unsigned short)n;
    t->prog.filter = t->filter;
}

static int install_filter(const struct sock_fprog *prog)
{
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog) == 0)
        return 0;
    if (errno != EACCES)
        return -1;
    /* Without CAP_SYS_ADMIN a filter needs no_new_privs. */
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        return -1;
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog);
}

/* ---- the tracer's state (in the tracer process only) -------------------- */

typedef enum tstate {
    RUNNING,
    AWAIT_EXIT,      /* resumed to its syscall-exit stop; recorded then */
    HELD_ENTER,      /* held at a call's entry */
    RUN_HELD,        /* released into its held call; held again at its exit */
    HELD_EXIT,       /* held after the held call returned */
} tstate;

typedef struct tracee {
    pid_t pid;
    int launcher;            /* -1: unknown */
    tstate state;
    long rec;                /* the record awaiting its result, or -1 */
    bool used;
} tracee;

typedef enum phase { HOLDING, RELEASING, FREE } phase;

static struct {
    trace_session *s;
    tracee t[MAX_TRACEES];
    pid_t launcher_pid[TRACE_MAX_LAUNCHERS];
    bool launcher_gone[TRACE_MAX_LAUNCHERS];
    bool reached[TRACE_MAX_LAUNCHERS];
    pid_t held[TRACE_MAX_LAUNCHERS];       /* the tracee held, or 0 */
    int order[TRACE_MAX_LAUNCHERS];        /* release order (lock plan) */
    size_t n_order, next_release;
    phase phase;
    int stage;                             /* lock plan: 0 checks, 1 locks */
    size_t attached;
    dk_deadline deadline;                  /* for holding, when armed */
    bool deadline_armed;
} tr;


static FILE *debug_log;

static tracee *find(pid_t pid)
{
    for (size_t i = 0; i < MAX_TRACEES; i++)
        if (tr.t[i].used && tr.t[i].pid == pid)
            return &tr.t[i];
    return NULL;
}

static tracee *add(pid_t pid, int launcher)
{
    tracee *t = find(pid);
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

static size_t live_in(int launcher)
{
    size_t n = 0;
    for (size_t i = 0; i < MAX_TRACEES; i++)
        n += tr.t[i].used && tr.t[i].launcher == launcher;
    return n;
}

/* A process whose first stop came before its parent's fork event: its
 * launcher is its thread group's, or its parent's. */
static int launcher_of_new(pid_t pid)
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
    tracee *t = tgid != pid ? find(tgid) : NULL;
    if (t == NULL)
        t = find(ppid);
    return t ? t->launcher : -1;
}

static long record(const tracee *t, const char *name, const long arg[6])
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

static void set_result(long rec, long ret)
{
    if (rec < 0)
        return;
    trace_call *c = &tr.s->sh->calls[rec];
    c->ret = ret;
    __atomic_store_n(&c->done, true, __ATOMIC_RELEASE);
}

/* ---- reading the tracee ------------------------------------------------ */

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

static bool fd_target(pid_t pid, long fd, char *out, size_t size)
{
    char what[32];
    snprintf(what, sizeof what, "fd/%ld", fd);
    return read_link(pid, what, out, size);
}

/* The absolute path a (dirfd, path) pair names, without resolving links. */
static bool resolve_at(pid_t pid, long dirfd, long addr, char *out,
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
                                     : fd_target(pid, dirfd, base, sizeof base);
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
static void keep_path(char *dst, size_t size, const char *src)
{
    if (snprintf(dst, size, "%s", src) >= (int)size && size > 4)
        memcpy(dst + size - 4, "...", 4);
}

static bool under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0');
}

static bool strictly_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && path[n] == '/';
}

static bool is_lock_cmd(long cmd)
{
    return cmd == F_SETLK || cmd == F_SETLKW || cmd == F_OFD_SETLK ||
           cmd == F_OFD_SETLKW;
}

/* The l_type of the struct flock at addr in the tracee, or -1. */
static int lock_type(pid_t pid, long addr)
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

/* ---- resuming ---------------------------------------------------------- */

static void resume(tracee *t, int request, int sig)
{
    if (tr.s->every_call && request == PTRACE_CONT)
        request = PTRACE_SYSCALL;
    ptrace((enum __ptrace_request)request, t->pid, 0L, (long)sig);
}

static void start_releasing(void);

/* Notes add up, one sentence a stage. */
static void set_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void set_note(const char *fmt, ...)
{
    char *note = tr.s->sh->note;
    size_t n = strlen(note);
    if (n > 0 && n + 2 < sizeof tr.s->sh->note) {
        memcpy(note + n, "; ", 3);
        n += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(note + n, sizeof tr.s->sh->note - n, fmt, ap);
    va_end(ap);
}

/* The lock plan's second stage: after the checks, the locks. */
static bool at_lock_stage(void)
{
    return tr.s->plan == TRACE_WRITES_BEFORE_LOCK && tr.stage == 1;
}

static void arm_deadline(void)
{
    tr.deadline = dk_deadline_in(HOLD_SECONDS);
    tr.deadline_armed = true;
}

static void evaluate(void);

/* Everything held goes on; no more holding. */
static void free_all(void)
{
    for (size_t i = 0; i < MAX_TRACEES; i++) {
        tracee *t = &tr.t[i];
        if (!t->used)
            continue;
        if (t->state == HELD_ENTER) {
            t->state = AWAIT_EXIT;
            resume(t, PTRACE_SYSCALL, 0);
        } else if (t->state == HELD_EXIT) {
            t->state = RUNNING;
            resume(t, PTRACE_CONT, 0);
        } else if (t->state == RUN_HELD)
            t->state = AWAIT_EXIT;
    }
    tr.phase = FREE;
    tr.deadline_armed = false;
    if (tr.s->plan == TRACE_WRITES_BEFORE_LOCK && tr.stage == 0) {
        /* The checks are done: now hold at the locks. */
        tr.stage = 1;
        tr.phase = HOLDING;
        memset(tr.reached, 0, sizeof tr.reached);
        memset(tr.held, 0, sizeof tr.held);
        evaluate();
    }
}

/* A launcher that has finished without reaching the hold point: all its
 * processes gone, or (lock plan) its launcher gone and its ready file
 * made: a daemon that never locks. */
static bool settled(int i)
{
    if (live_in(i) == 0)
        return true;
    return at_lock_stage() && tr.launcher_gone[i] &&
           access(tr.s->ready[i], F_OK) == 0;
}

static void evaluate(void)
{
    if (tr.attached < tr.s->k)
        return; /* a launcher not attached yet is not one that ended */
    if (tr.phase == HOLDING) {
        /* Every launcher at the hold point, or past needing it. */
        for (size_t i = 0; i < tr.s->k; i++)
            if (!tr.reached[i] && !settled((int)i))
                return;
        start_releasing();
        return;
    }
    if (tr.phase != RELEASING)
        return;
    if (!at_lock_stage()) {
        /* All held calls returned (or their processes ended): go on. */
        for (size_t i = 0; i < tr.s->k; i++) {
            tracee *t = tr.held[i] ? find(tr.held[i]) : NULL;
            if (t && t->state == RUN_HELD)
                return;
        }
        free_all();
        return;
    }
    /* The lock plan: the one released last has returned from its lock:
     * release the next. */
    while (tr.next_release < tr.n_order) {
        int i = tr.order[tr.next_release];
        tracee *t = tr.held[i] ? find(tr.held[i]) : NULL;
        if (t == NULL || t->state == HELD_EXIT) {
            if (t) {
                t->state = RUNNING;
                resume(t, PTRACE_CONT, 0);
            }
            tr.next_release++;
            continue;
        }
        if (t->state == HELD_ENTER) {
            t->state = RUN_HELD;
            resume(t, PTRACE_SYSCALL, 0);
        }
        return;
    }
    free_all();
}

static pid_t pid_in_pidfile(void)
{
    char buf[64] = "";
    int fd = open(tr.s->pidfile, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t r = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[r > 0 ? r : 0] = '\0';
    return (pid_t)atol(buf);
}

static void start_releasing(void)
{
    if (debug_log)
        for (size_t i = 0; i < tr.s->k; i++)
            fprintf(debug_log, "RELEASE launcher %zu reached %d held %d live %zu\n",
                    i, tr.reached[i], (int)tr.held[i], live_in((int)i));
    size_t held = 0;
    for (size_t i = 0; i < tr.s->k; i++)
        held += tr.held[i] != 0;
    tr.phase = RELEASING;
    if (!at_lock_stage()) {
        tr.s->sh->forced = held == tr.s->k;
        if (held == tr.s->k)
            set_note("every launcher was held at its first call in %s "
                     "until all had reached theirs; each such call returned "
                     "before any launcher went on",
                     tr.s->watch);
        else
            set_note("only %zu of %zu launchers reached a call in %s (the "
                     "others ended first)",
                     held, tr.s->k, tr.s->watch);
        for (size_t i = 0; i < tr.s->k; i++) {
            tracee *t = tr.held[i] ? find(tr.held[i]) : NULL;
            if (t && t->state == HELD_ENTER) {
                t->state = RUN_HELD;
                resume(t, PTRACE_SYSCALL, 0);
            }
        }
        evaluate();
        return;
    }
    /* The lock plan: the launcher whose process wrote the PID file last
     * goes last, so if writing comes before locking, the lock goes to a
     * launcher that did not write what the file holds. */
    pid_t writer = pid_in_pidfile();
    tracee *w = writer > 0 ? find(writer) : NULL;
    int last = w ? w->launcher : -1;
    tr.n_order = 0;
    for (size_t i = 0; i < tr.s->k; i++)
        if (tr.held[i] && (int)i != last)
            tr.order[tr.n_order++] = (int)i;
    if (last >= 0 && tr.held[last])
        tr.order[tr.n_order++] = last;
    tr.s->sh->forced = tr.s->sh->forced && held >= 2;
    if (held >= 2 && last >= 0)
        set_note("every launcher that locked a file in %s exclusively was "
                 "held at its lock until all had come; the locks were then "
                 "released one at a time, launcher %d (its process %ld wrote "
                 "the PID file last) released last",
                 tr.s->watch, last, (long)writer);
    else if (held >= 2)
        set_note("every launcher that locked a file in %s exclusively was "
                 "held at its lock until all had come; the locks were then "
                 "released one at a time (the PID file named none of their "
                 "processes)",
                 tr.s->watch);
    else
        set_note("fewer than two launchers took an exclusive lock in %s (the "
                 "others ended, or finished without one): no lock race to "
                 "force",
                 tr.s->watch);
    tr.next_release = 0;
    evaluate();
}

static void on_deadline(void)
{
    tr.deadline_armed = false;
    if (tr.phase == FREE)
        return;
    for (size_t i = 0; i < tr.s->k; i++)
        if (!tr.reached[i] && !settled((int)i)) {
            set_note("launcher %zu did not reach the hold point within %ds "
                     "(times DKCHECK_TIMEOUT_MUL) of the first; all were let "
                     "go (it may wait on a lock of its own, or be slow)",
                     i, (int)HOLD_SECONDS);
            break;
        }
    tr.s->sh->forced = false;
    tr.s->sh->timed_out = true;
    free_all();
}

/* ---- the stops ---------------------------------------------------------- */

static bool wants_hold(const tracee *t, const trace_call *c, kind k)
{
    if (tr.phase != HOLDING || t->launcher < 0 || tr.reached[t->launcher] ||
        tr.s->plan == TRACE_OBSERVE)
        return false;
    if (!at_lock_stage())
        return k != K_ALWAYS && k != K_FD &&
               (strictly_under(c->path, tr.s->watch) ||
                strictly_under(c->path2, tr.s->watch));
    /* Only exclusive locks: the lock a writer takes. A shared lock is a
     * look at someone else's (an explanation of a refusal). */
    if (at_lock_stage())
        return ((k == K_LOCK && (c->arg[1] & LOCK_EX)) ||
                (k == K_FCNTL && is_lock_cmd(c->arg[1]) &&
                 lock_type(t->pid, c->arg[2]) == F_WRLCK)) &&
               strictly_under(c->path, tr.s->watch);
    return false;
}

static void on_seccomp_stop(tracee *t)
{
    struct __ptrace_syscall_info info;
    if (ptrace(PTRACE_GET_SYSCALL_INFO, t->pid, (void *)sizeof info, &info) <
            0 ||
        (info.op != PTRACE_SYSCALL_INFO_SECCOMP &&
         info.op != PTRACE_SYSCALL_INFO_ENTRY)) {
        resume(t, PTRACE_CONT, 0);
        return;
    }
    /* An entry stop (every-call mode) lays out nr and args alike. */
    const struct call_kind *ck = NULL;
    for (size_t i = 0; i < N_INTERESTING; i++)
        if ((unsigned long)interesting[i].nr == info.seccomp.nr)
            ck = &interesting[i];
    long arg[6];
    for (int i = 0; i < 6; i++)
        arg[i] = (long)info.seccomp.args[i];
    char p1[PATH_MAX] = "", p2[PATH_MAX] = "";
    if (ck == NULL) {
        resume(t, PTRACE_CONT, 0);
        return;
    }
    switch (ck->kind) {
    case K_PATH:
        resolve_at(t->pid, AT_FDCWD, arg[0], p1, sizeof p1);
        break;
    case K_AT_PATH:
        resolve_at(t->pid, arg[0], arg[1], p1, sizeof p1);
        break;
    case K_PATH2:
        resolve_at(t->pid, AT_FDCWD, arg[0], p1, sizeof p1);
        resolve_at(t->pid, AT_FDCWD, arg[1], p2, sizeof p2);
        break;
    case K_AT_PATH2:
        resolve_at(t->pid, arg[0], arg[1], p1, sizeof p1);
        resolve_at(t->pid, arg[2], arg[3], p2, sizeof p2);
        break;
    case K_FD:
    case K_LOCK:
    case K_FCNTL:
        fd_target(t->pid, arg[0], p1, sizeof p1);
        break;
    case K_ALWAYS:
        if (info.seccomp.nr == (unsigned long)SYS_chdir)
            resolve_at(t->pid, AT_FDCWD, arg[0], p1, sizeof p1);
        else if (info.seccomp.nr == (unsigned long)SYS_fchdir)
            fd_target(t->pid, arg[0], p1, sizeof p1);
        break;
    }
    bool touches = under(p1, tr.s->sandbox) || under(p2, tr.s->sandbox);
    if (ck->kind == K_FCNTL && !is_lock_cmd(arg[1]))
        touches = false;
    if (!touches && ck->kind != K_ALWAYS) {
        resume(t, PTRACE_CONT, 0);
        return;
    }
    if (debug_log)
        fprintf(debug_log, "  %d %s %s %s\n", (int)t->pid, ck->name, p1, p2);
    long rec = record(t, ck->name, arg);
    if (rec >= 0) {
        trace_call *c = &tr.s->sh->calls[rec];
        keep_path(c->path, sizeof c->path, p1);
        keep_path(c->path2, sizeof c->path2, p2);
        if (wants_hold(t, c, ck->kind)) {
            if (debug_log)
                fprintf(debug_log, "HOLD %d launcher %d\n", (int)t->pid,
                        t->launcher);
            c->held = true;
            if (!tr.deadline_armed)
                arm_deadline(); /* the others have this long to come */
            tr.reached[t->launcher] = true;
            tr.held[t->launcher] = t->pid;
            t->rec = rec;
            t->state = HELD_ENTER;
            evaluate();
            return;
        }
    }
    t->rec = rec;
    t->state = AWAIT_EXIT;
    resume(t, PTRACE_SYSCALL, 0);
}

static void on_syscall_stop(tracee *t)
{
    struct __ptrace_syscall_info info;
    if (ptrace(PTRACE_GET_SYSCALL_INFO, t->pid, (void *)sizeof info, &info) >=
            0 &&
        info.op == PTRACE_SYSCALL_INFO_EXIT)
        set_result(t->rec, (long)info.exit.rval);
    t->rec = -1;
    if (t->state == RUN_HELD) {
        t->state = HELD_EXIT;
        evaluate();
        return;
    }
    t->state = RUNNING;
    resume(t, PTRACE_CONT, 0);
    if (tr.phase != FREE)
        evaluate(); /* a ready file may just have been made */
}

static void on_event(tracee *t, int event)
{
    unsigned long msg = 0;
    ptrace(PTRACE_GETEVENTMSG, t->pid, 0L, &msg);
    const char *name = event == PTRACE_EVENT_FORK    ? "fork"
                       : event == PTRACE_EVENT_VFORK ? "vfork"
                       : event == PTRACE_EVENT_CLONE ? "clone"
                                                     : "execve";
    long rec = record(t, name, NULL);
    if (event == PTRACE_EVENT_EXEC) {
        /* A thread other than the leader exec'd: it took the leader's PID
         * and the old thread is gone. */
        tracee *old = (pid_t)msg != t->pid ? find((pid_t)msg) : NULL;
        if (old)
            old->used = false;
        set_result(rec, 0);
    } else {
        add((pid_t)msg, t->launcher);
        set_result(rec, (long)msg);
    }
    resume(t, PTRACE_CONT, 0);
}

static void gone(tracee *t)
{
    int i = t->launcher;
    if (i >= 0 && t->pid == tr.launcher_pid[i])
        tr.launcher_gone[i] = true;
    if (i >= 0 && tr.held[i] == t->pid)
        tr.held[i] = 0;
    t->used = false;
    evaluate();
}

static void on_wait(pid_t pid, int st)
{
    tracee *t = find(pid);
    if (debug_log)
        fprintf(debug_log, "%d st=%#x state=%d phase=%d\n", (int)pid, st,
                t ? (int)t->state : -1, (int)tr.phase);
    if (WIFEXITED(st) || WIFSIGNALED(st)) {
        if (t)
            gone(t);
        return;
    }
    if (!WIFSTOPPED(st))
        return;
    if (t == NULL)
        t = add(pid, launcher_of_new(pid));
    if (t == NULL) {
        ptrace(PTRACE_DETACH, pid, 0L, 0L);
        return;
    }
    int sig = WSTOPSIG(st), event = st >> 16;
    switch (event) {
    case PTRACE_EVENT_FORK:
    case PTRACE_EVENT_VFORK:
    case PTRACE_EVENT_CLONE:
    case PTRACE_EVENT_EXEC:
        on_event(t, event);
        return;
    case PTRACE_EVENT_SECCOMP:
        on_seccomp_stop(t);
        return;
    case PTRACE_EVENT_STOP:
        /* A new tracee's first stop (SIGTRAP), or a group stop, which must
         * stay a stop until SIGCONT: PTRACE_LISTEN. */
        if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
            sig == SIGTTOU)
            ptrace(PTRACE_LISTEN, pid, 0L, 0L);
        else
            resume(t, PTRACE_CONT, 0);
        return;
    case 0:
        break;
    default:
        resume(t, PTRACE_CONT, 0);
        return;
    }
    if (sig == (SIGTRAP | 0x80)) {
        struct __ptrace_syscall_info info;
        bool entry = tr.s->every_call &&
                     ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof info,
                            &info) > 0 &&
                     info.op == PTRACE_SYSCALL_INFO_ENTRY;
        if (entry)
            on_seccomp_stop(t);
        else if (t->state == AWAIT_EXIT || t->state == RUN_HELD ||
                 !tr.s->every_call)
            on_syscall_stop(t);
        else
            resume(t, PTRACE_CONT, 0); /* an exit stop nobody waits for */
        return;
    }
    /* A signal for the tracee: deliver it, in the mode it was in. */
    resume(t, t->state == AWAIT_EXIT || t->state == RUN_HELD ? PTRACE_SYSCALL
                                                             : PTRACE_CONT,
           sig);
}

static const long options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK |
                            PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
                            PTRACE_O_TRACEEXEC | PTRACE_O_TRACESECCOMP |
                            PTRACE_O_EXITKILL;

/* Can this process trace, and can a child install the filter? 0 or errno;
 * what failed into why. */
static int probe(trace_session *s, char *why, size_t size)
{
    if (TRACE_AUDIT_ARCH == 0) {
        snprintf(why, size, "seccomp: this CPU's audit architecture is not "
                 "known to dkcheck's tracer");
        return ENOSYS;
    }
    if (run_config()->trace_refuse) {
        snprintf(why, size, "PTRACE_SEIZE: %s (forced by "
                 "DKCHECK_TRACE_REFUSE)", strerror(EPERM));
        return EPERM;
    }
    int p[2], go[2];
    if (pipe2(p, O_CLOEXEC) < 0 || pipe2(go, O_CLOEXEC) < 0) {
        snprintf(why, size, "pipe: %s", strerror(errno));
        return errno;
    }
    pid_t child = fork();
    if (child < 0) {
        snprintf(why, size, "fork: %s", strerror(errno));
        return errno;
    }
    if (child == 0) {
        char c;
        close(go[1]);
        int e = install_filter(&s->prog) < 0 ? errno : 0;
        /* read and write are not calls of interest: they run whether
         * traced or not. Wait until the parent has tried to attach. */
        (void)!write(p[1], &e, sizeof e);
        (void)!read(go[0], &c, 1);
        _exit(0);
    }
    close(p[1]);
    close(go[0]);
    int err = 0;
    if (ptrace(PTRACE_SEIZE, child, 0L, options & ~PTRACE_O_EXITKILL) < 0) {
        err = errno;
        snprintf(why, size, "PTRACE_SEIZE: %s", strerror(err));
    }
    int e = 0;
    if (read(p[0], &e, sizeof e) == (ssize_t)sizeof e && e != 0 && !err) {
        err = e;
        snprintf(why, size, "seccomp filter: %s", strerror(e));
    }
    close(p[0]);
    close(go[1]);
    int st;
    while (waitpid(child, &st, __WALL) == child && WIFSTOPPED(st))
        ptrace(PTRACE_CONT, child, 0L, 0L);
    return err;
}

/* One attach request from the case: seize the launcher, say how it went.
 * false once the case has closed the pipe. */
static bool take_command(trace_session *s)
{
    struct {
        pid_t pid;
        int index;
    } cmd;
    if (read(s->cmd[0], &cmd, sizeof cmd) != (ssize_t)sizeof cmd)
        return false;
    int r = ptrace(PTRACE_SEIZE, cmd.pid, 0L, options) < 0 ? errno : 0;
    if (r == 0 && cmd.index >= 0 && cmd.index < TRACE_MAX_LAUNCHERS) {
        add(cmd.pid, cmd.index);
        tr.launcher_pid[cmd.index] = cmd.pid;
        tr.attached++;
    }
    return write(s->ack[1], &r, sizeof r) == (ssize_t)sizeof r;
}

static void tracer_main(trace_session *s) __attribute__((noreturn));
static void tracer_main(trace_session *s)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    memset(&tr, 0, sizeof tr);
    if (run_config()->trace_log != NULL) {
        debug_log = fopen(run_config()->trace_log, "ae");
        if (debug_log)
            setvbuf(debug_log, NULL, _IOLBF, 0);
    }
    tr.s = s;
    tr.phase = s->plan == TRACE_OBSERVE ? FREE : HOLDING;
    char why[200] = "";
    int e = probe(s, why, sizeof why);
    snprintf(s->sh->note, sizeof s->sh->note, "%s", why);
    if (write(s->ack[1], &e, sizeof e) != (ssize_t)sizeof e || e != 0)
        _exit(0);
    /* Stops and exits of tracees come as SIGCHLD (to a tracer as to a
     * parent), attach requests on the command pipe: one poll for both, and
     * for the hold deadline. */
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    signal(SIGCHLD, SIG_DFL);
    sigprocmask(SIG_BLOCK, &chld, NULL);
    int sfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
    if (sfd < 0)
        _exit(1);
    bool commands = true;
    for (;;) {
        int st;
        pid_t pid;
        while ((pid = waitpid(-1, &st, __WALL | WNOHANG)) > 0)
            on_wait(pid, st);
        struct pollfd p[2] = {{.fd = sfd, .events = POLLIN},
                              {.fd = s->cmd[0], .events = POLLIN}};
        int timeout = tr.deadline_armed ? dk_deadline_left_ms(tr.deadline) : -1;
        int r = poll(p, commands ? 2 : 1, timeout);
        if (r == 0 && tr.deadline_armed) {
            on_deadline();
            continue;
        }
        if (r < 0)
            continue;
        if (p[0].revents) {
            struct signalfd_siginfo si;
            while (read(sfd, &si, sizeof si) > 0)
                ;
        }
        if (commands && p[1].revents)
            commands = take_command(s);
    }
}

/* ---- the case's side ---------------------------------------------------- */

/* Ours, with LeakSanitizer's exit check off. A sanitized subject would run
 * it at exit: it ptraces its own threads, which a traced process cannot
 * allow, and it hangs. Leaks stay checked by the untraced cases. */
static char **traced_environment(void)
{
    static const char *const vars[] = {"ASAN_OPTIONS", "LSAN_OPTIONS"};
    size_t n = 0;
    while (environ[n] != NULL)
        n++;
    char **envp = calloc(n + 3, sizeof *envp);
    if (envp == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        bool ours = false;
        for (size_t v = 0; v < 2; v++)
            ours = ours || (strncmp(environ[i], vars[v], strlen(vars[v])) == 0 &&
                            environ[i][strlen(vars[v])] == '=');
        if (!ours)
            envp[k++] = environ[i];
    }
    for (size_t v = 0; v < 2; v++) {
        const char *old = getenv(vars[v]);
        size_t len = strlen(vars[v]) + (old ? strlen(old) : 0) + 32;
        envp[k] = malloc(len);
        if (envp[k] == NULL)
            return envp; /* NULL-terminated already */
        snprintf(envp[k], len, "%s=%s%sdetect_leaks=0", vars[v],
                 old ? old : "", old && *old ? ":" : "");
        k++;
    }
    return envp;
}

trace_session *trace_begin(trace_plan plan, size_t k, const char *sandbox,
                           const char *watch_dir, const char *pidfile,
                           const char *const ready[], char *why,
                           size_t why_size)
{
    if (k == 0 || k > TRACE_MAX_LAUNCHERS) {
        snprintf(why, why_size, "%zu launchers (1 to %d can be traced)", k,
                 TRACE_MAX_LAUNCHERS);
        return NULL;
    }
    trace_session *s = mmap(NULL, sizeof *s + sizeof(shared),
                            PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                            -1, 0);
    if (s == MAP_FAILED) {
        snprintf(why, why_size, "mmap: %s", strerror(errno));
        return NULL;
    }
    memset(s, 0, sizeof *s);
    s->sh = (shared *)(s + 1);
    s->plan = plan;
    s->k = k;
    snprintf(s->sandbox, sizeof s->sandbox, "%s", sandbox);
    snprintf(s->watch, sizeof s->watch, "%s", watch_dir);
    snprintf(s->pidfile, sizeof s->pidfile, "%s", pidfile);
    for (size_t i = 0; ready != NULL && i < k; i++)
        snprintf(s->ready[i], sizeof s->ready[i], "%s", ready[i]);
    build_filter(s);
    s->every_call = run_config()->trace_every_call;
    if (pipe2(s->cmd, O_CLOEXEC) < 0 || pipe2(s->ack, O_CLOEXEC) < 0) {
        snprintf(why, why_size, "pipe: %s", strerror(errno));
        munmap(s, sizeof *s + sizeof(shared));
        return NULL;
    }
    s->envp = traced_environment();
    fflush(NULL);
    pid_t tracer = fork();
    if (tracer < 0) {
        snprintf(why, why_size, "fork: %s", strerror(errno));
        return NULL;
    }
    if (tracer == 0)
        tracer_main(s);
    s->sh->tracer = tracer;
    current = s;
    int e = -1;
    struct pollfd p = {.fd = s->ack[0], .events = POLLIN};
    if (poll(&p, 1, dk_deadline_left_ms(dk_deadline_in(10))) == 1 &&
        read(s->ack[0], &e, sizeof e) == (ssize_t)sizeof e && e == 0)
        return s;
    snprintf(why, why_size, "%s", e > 0 && s->sh->note[0]
                                      ? s->sh->note
                                      : "the tracer did not start");
    trace_end();
    return NULL;
}

void trace_child_prepare(const trace_session *t)
{
    prctl(PR_SET_PTRACER, (unsigned long)t->sh->tracer, 0, 0, 0);
}

int trace_child_arm(const trace_session *t)
{
    if (t->envp != NULL)
        environ = t->envp; /* a pointer, no allocation: safe after fork */
    return t->every_call ? 0 : install_filter(&t->prog);
}

int trace_attach(trace_session *t, pid_t launcher, size_t index)
{
    struct {
        pid_t pid;
        int index;
    } cmd = {launcher, (int)index};
    if (write(t->cmd[1], &cmd, sizeof cmd) != (ssize_t)sizeof cmd)
        return -1;
    int e = EPIPE;
    struct pollfd p = {.fd = t->ack[0], .events = POLLIN};
    if (poll(&p, 1, dk_deadline_left_ms(dk_deadline_in(10))) == 1 &&
        read(t->ack[0], &e, sizeof e) == (ssize_t)sizeof e && e == 0)
        return 0;
    errno = e > 0 ? e : ETIMEDOUT;
    return -1;
}

trace_session *trace_current(void)
{
    return current;
}

bool trace_is_tracer(pid_t pid)
{
    return current != NULL && pid == current->sh->tracer;
}

size_t trace_calls(const trace_session *t, const trace_call **calls)
{
    *calls = t->sh->calls;
    return __atomic_load_n(&t->sh->n, __ATOMIC_ACQUIRE);
}

bool trace_forced(const trace_session *t)
{
    return t->sh->forced;
}

bool trace_timed_out(const trace_session *t)
{
    return t->sh->timed_out;
}

const char *trace_note(const trace_session *t)
{
    return t->sh->note;
}

void trace_end(void)
{
    trace_session *s = current;
    if (s == NULL)
        return;
    current = NULL;
    pid_t tracer = s->sh->tracer;
    if (tracer > 0) {
        kill(tracer, SIGKILL);
        waitpid(tracer, NULL, 0);
    }
    int fds[] = {s->cmd[0], s->cmd[1], s->ack[0], s->ack[1]};
    for (size_t i = 0; i < 4; i++)
        if (fds[i] > 0)
            close(fds[i]);
    if (s->envp != NULL) {
        for (size_t i = 0; s->envp[i] != NULL; i++)
            if (strncmp(s->envp[i], "ASAN_OPTIONS=", 13) == 0 ||
                strncmp(s->envp[i], "LSAN_OPTIONS=", 13) == 0)
                free(s->envp[i]);
        free(s->envp);
    }
    munmap(s, sizeof *s + sizeof(shared));
}
