/* trace_linux.h: what the parts of the Linux tracer (trace.h) share, and
 * nothing else includes: trace_linux.c (the case's side), and in the
 * tracer process trace_tracer_linux.c (its stops), trace_hold_linux.c
 * (holding and releasing), trace_tracee_linux.c (the tracees and their
 * calls) and trace_filter_linux.c (the seccomp filter). */
#ifndef DKCHECK_TRACE_LINUX_H
#define DKCHECK_TRACE_LINUX_H

#include "trace.h"
#include "wait.h"

#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>


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


typedef struct call_kind {
    long nr;
    const char *name;
    kind kind;
} call_kind;
/* The calls of interest (trace_filter_linux.c). */
extern const call_kind interesting[];
extern const size_t n_interesting;
#define N_INTERESTING n_interesting

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


/* ---- the tracer's state (in the tracer process only) */

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

typedef struct tracer_state {
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
} tracer_state;

/* The tracer's state, and its debugging log (DKCHECK_TRACE_LOG), or NULL. */
extern tracer_state tr;
extern FILE *tr_debug_log;

/* trace_filter_linux.c: the seccomp filter that stops a launcher on the
 * calls of interest only, and its installation in the child. */
void tr_build_filter(trace_session *t);
int tr_install_filter(const struct sock_fprog *prog);

/* trace_tracee_linux.c: the tracees, their records, and what a stopped
 * one's call names. */
tracee *tr_find(pid_t pid);
tracee *tr_add(pid_t pid, int launcher);
size_t tr_live_in(int launcher);
int tr_launcher_of_new(pid_t pid);
long tr_record(const tracee *t, const char *name, const long arg[6]);
void tr_set_result(long rec, long ret);
bool tr_fd_target(pid_t pid, long fd, char *out, size_t size);
bool tr_resolve_at(pid_t pid, long dirfd, long addr, char *out, size_t size);
void tr_keep_path(char *dst, size_t size, const char *src);
bool tr_under(const char *path, const char *dir);
bool tr_strictly_under(const char *path, const char *dir);
bool tr_is_lock_cmd(long cmd);
int tr_lock_type(pid_t pid, long addr);

/* trace_hold_linux.c: holding the launchers at the plan's calls and
 * releasing them in its order. */
void tr_resume(tracee *t, int request, int sig);
bool tr_at_lock_stage(void);
void tr_arm_deadline(void);
void tr_evaluate(void);
void tr_on_deadline(void);

/* trace_tracer_linux.c: the tracer process, from its stops. */
void tr_tracer_main(trace_session *s) __attribute__((noreturn));

#endif
