/* trace_hold_linux.c: holding the launchers at the calls of the session's plan and
 * releasing them in its order (trace_linux.h). */
#include "trace_linux.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <unistd.h>

void tr_resume(tracee *t, int request, int sig)
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
bool tr_at_lock_stage(void)
{
    return tr.s->plan == TRACE_WRITES_BEFORE_LOCK && tr.stage == 1;
}

void tr_arm_deadline(void)
{
    tr.deadline = dk_deadline_in(HOLD_SECONDS);
    tr.deadline_armed = true;
}

/* Everything held goes on; no more holding. */
static void free_all(void)
{
    for (size_t i = 0; i < MAX_TRACEES; i++) {
        tracee *t = &tr.t[i];
        if (!t->used)
            continue;
        if (t->state == HELD_ENTER) {
            t->state = AWAIT_EXIT;
            tr_resume(t, PTRACE_SYSCALL, 0);
        } else if (t->state == HELD_EXIT) {
            t->state = RUNNING;
            tr_resume(t, PTRACE_CONT, 0);
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
        tr_evaluate();
    }
}

/* A launcher that has finished without reaching the hold point: all its
 * processes gone, or (lock plan) its launcher gone and its ready file
 * made: a daemon that never locks. */
static bool settled(int i)
{
    if (tr_live_in(i) == 0)
        return true;
    return tr_at_lock_stage() && tr.launcher_gone[i] &&
           access(tr.s->ready[i], F_OK) == 0;
}

void tr_evaluate(void)
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
    if (!tr_at_lock_stage()) {
        /* All held calls returned (or their processes ended): go on. */
        for (size_t i = 0; i < tr.s->k; i++) {
            tracee *t = tr.held[i] ? tr_find(tr.held[i]) : NULL;
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
        tracee *t = tr.held[i] ? tr_find(tr.held[i]) : NULL;
        if (t == NULL || t->state == HELD_EXIT) {
            if (t) {
                t->state = RUNNING;
                tr_resume(t, PTRACE_CONT, 0);
            }
            tr.next_release++;
            continue;
        }
        if (t->state == HELD_ENTER) {
            t->state = RUN_HELD;
            tr_resume(t, PTRACE_SYSCALL, 0);
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
    if (tr_debug_log)
        for (size_t i = 0; i < tr.s->k; i++)
            fprintf(tr_debug_log, "RELEASE launcher %zu reached %d held %d live %zu\n",
                    i, tr.reached[i], (int)tr.held[i], tr_live_in((int)i));
    size_t held = 0;
    for (size_t i = 0; i < tr.s->k; i++)
        held += tr.held[i] != 0;
    tr.phase = RELEASING;
    if (!tr_at_lock_stage()) {
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
            tracee *t = tr.held[i] ? tr_find(tr.held[i]) : NULL;
            if (t && t->state == HELD_ENTER) {
                t->state = RUN_HELD;
                tr_resume(t, PTRACE_SYSCALL, 0);
            }
        }
        tr_evaluate();
        return;
    }
    /* The lock plan: the launcher whose process wrote the PID file last
     * goes last, so if writing comes before locking, the lock goes to a
     * launcher that did not write what the file holds. */
    pid_t writer = pid_in_pidfile();
    tracee *w = writer > 0 ? tr_find(writer) : NULL;
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
    tr_evaluate();
}

void tr_on_deadline(void)
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
