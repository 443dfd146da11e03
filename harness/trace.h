/* trace.h: the subject's system calls, seen as they happen, and held where
 * a race must be forced instead of sampled.
 *
 * A case that needs it opens a session before launching; the launchers
 * (and every process and thread they make) run under a tracer process of
 * the session, which records each call that touches the sandbox and, by
 * the session's plan, holds the launchers at a chosen call until all of
 * them have reached it. Cases that do not open a session run exactly as
 * before. One backend per OS: trace_linux.c and its trace_*_linux.c parts
 * (ptrace, stopping only on the calls of interest through a seccomp
 * filter); trace_none.c elsewhere,
 * where every session is refused as unobservable, so the cases skip.
 *
 * Environment: DKCHECK_TRACE_REFUSE=1 makes every session refused as if
 * PTRACE_SEIZE said EPERM (to check that the cases then skip);
 * DKCHECK_TRACE_LOG=FILE makes the tracer append every stop it handles to
 * FILE (debugging the tracer itself); DKCHECK_TRACE_EVERY_CALL=1 installs
 * no filter and stops on every call (PTRACE_SYSCALL), only to measure what
 * the filter saves.
 */
#ifndef DKCHECK_TRACE_H
#define DKCHECK_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef enum trace_plan {
    /* Record only; hold nothing. */
    TRACE_OBSERVE,
    /* Hold each launcher at its first call naming a path in the watched
     * directory; when all have reached theirs, run those calls, and only
     * when every one has returned let any launcher go on: each one's
     * existence check happens before any one's create. */
    TRACE_CHECKS_FIRST,
    /* Hold each launcher at its first lock (flock, fcntl) on a file in the
     * watched directory until all have reached theirs (or ended, or
     * finished without one); then release them one at a time, the one
     * whose process wrote the PID file last released last, so the lock
     * goes to a launcher whose PID is not in the file. */
    TRACE_WRITES_BEFORE_LOCK,
} trace_plan;

enum { TRACE_MAX_LAUNCHERS = 8, TRACE_PATH_MAX = 200 };

/* One call as the tracer saw it. */
typedef struct trace_call {
    pid_t pid;
    int launcher;                   /* index of the launcher it descends from */
    char name[16];                  /* "openat", "newfstatat", "fork" ... */
    long arg[6];                    /* raw arguments */
    char path[TRACE_PATH_MAX];      /* the path it names, resolved, or the
                                     * target of its fd ("" if none) */
    char path2[TRACE_PATH_MAX];     /* the second path (link, rename) */
    long ret;                       /* result: >= 0, or -errno */
    bool done;                      /* ret is known */
    bool held;                      /* the call its launcher was held at */
} trace_call;

typedef struct trace_session trace_session;

/* Open a session for k launchers (k <= TRACE_MAX_LAUNCHERS): calls are
 * recorded when they name a path under sandbox; the plan holds at paths
 * under watch_dir (a directory holding only the PID file's business).
 * pidfile is the PID file's path; ready[i] launcher i's ready file (NULL
 * for TRACE_OBSERVE, which holds nothing). NULL
 * when tracing is not possible here, with the reason in why. */
trace_session *trace_begin(trace_plan plan, size_t k, const char *sandbox,
                           const char *watch_dir, const char *pidfile,
                           const char *const ready[], char *why,
                           size_t why_size);

/* In a launcher's child, before it may be attached: allow the session's
 * tracer to trace it. Async-signal-safe. */
void trace_child_prepare(const trace_session *t);
/* In a launcher's child, just before exec: start stopping on the calls of
 * interest. Async-signal-safe. 0, or -1 with errno. */
int trace_child_arm(const trace_session *t);
/* In the parent, once launcher `index` is forked: attach the tracer to it.
 * 0, or -1 with errno. */
int trace_attach(trace_session *t, pid_t launcher, size_t index);

/* This process's open session, or NULL. */
trace_session *trace_current(void);

/* pid is the tracer of this process's session (not part of the subject). */
bool trace_is_tracer(pid_t pid);

/* The calls recorded so far, in the order seen. */
size_t trace_calls(const trace_session *t, const trace_call **calls);
/* The plan's interleaving was forced as described. */
bool trace_forced(const trace_session *t);
/* A launcher did not come to the hold point in time: the interleaving
 * was not tried (one blocked on a lock of its own, or was slow). */
bool trace_timed_out(const trace_session *t);
/* What the tracer did with the plan ("held 2 launchers at ..."), or why
 * the interleaving could not be forced. */
const char *trace_note(const trace_session *t);

/* End this process's session: the tracer is killed (and the processes it
 * traces with it). Idempotent. */
void trace_end(void);

/* ---- words for messages (trace_text.c, the same on every OS) ---- */

/* "openat(\"/x/run/daemon.pid\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3"
 * into buf. */
const char *trace_describe(const trace_call *c, char *buf, size_t size);
/* The open flags as "O_WRONLY|O_CREAT|O_EXCL". */
const char *trace_open_flags(long flags, char *buf, size_t size);
/* "ENOENT" for -2, "3" for 3. */
const char *trace_result(long ret, char *buf, size_t size);

#endif
