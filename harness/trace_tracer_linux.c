/* trace_tracer_linux.c: the tracer process: its stops, and its loop (trace_linux.h). */
#include "trace_linux.h"

#include "run_config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

static bool wants_hold(const tracee *t, const trace_call *c, kind k)
{
    if (tr.phase != HOLDING || t->launcher < 0 || tr.reached[t->launcher] ||
        tr.s->plan == TRACE_OBSERVE)
        return false;
    if (!tr_at_lock_stage())
        return k != K_ALWAYS && k != K_FD &&
               (tr_strictly_under(c->path, tr.s->watch) ||
                tr_strictly_under(c->path2, tr.s->watch));
    /* Only exclusive locks: the lock a writer takes. A shared lock is a
     * look at someone else's (an explanation of a refusal). */
    if (tr_at_lock_stage())
        return ((k == K_LOCK && (c->arg[1] & LOCK_EX)) ||
                (k == K_FCNTL && tr_is_lock_cmd(c->arg[1]) &&
                 tr_lock_type(t->pid, c->arg[2]) == F_WRLCK)) &&
               tr_strictly_under(c->path, tr.s->watch);
    return false;
}

static void on_seccomp_stop(tracee *t)
{
    struct __ptrace_syscall_info info;
    if (ptrace(PTRACE_GET_SYSCALL_INFO, t->pid, (void *)sizeof info, &info) <
            0 ||
        (info.op != PTRACE_SYSCALL_INFO_SECCOMP &&
         info.op != PTRACE_SYSCALL_INFO_ENTRY)) {
        tr_resume(t, PTRACE_CONT, 0);
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
        tr_resume(t, PTRACE_CONT, 0);
        return;
    }
    switch (ck->kind) {
    case K_PATH:
        tr_resolve_at(t->pid, AT_FDCWD, arg[0], p1, sizeof p1);
        break;
    case K_AT_PATH:
        tr_resolve_at(t->pid, arg[0], arg[1], p1, sizeof p1);
        break;
    case K_PATH2:
        tr_resolve_at(t->pid, AT_FDCWD, arg[0], p1, sizeof p1);
        tr_resolve_at(t->pid, AT_FDCWD, arg[1], p2, sizeof p2);
        break;
    case K_AT_PATH2:
        tr_resolve_at(t->pid, arg[0], arg[1], p1, sizeof p1);
        tr_resolve_at(t->pid, arg[2], arg[3], p2, sizeof p2);
        break;
    case K_FD:
    case K_LOCK:
    case K_FCNTL:
        tr_fd_target(t->pid, arg[0], p1, sizeof p1);
        break;
    case K_ALWAYS:
        if (info.seccomp.nr == (unsigned long)SYS_chdir)
            tr_resolve_at(t->pid, AT_FDCWD, arg[0], p1, sizeof p1);
        else if (info.seccomp.nr == (unsigned long)SYS_fchdir)
            tr_fd_target(t->pid, arg[0], p1, sizeof p1);
        break;
    }
    bool touches = tr_under(p1, tr.s->sandbox) || tr_under(p2, tr.s->sandbox);
    if (ck->kind == K_FCNTL && !tr_is_lock_cmd(arg[1]))
        touches = false;
    if (!touches && ck->kind != K_ALWAYS) {
        tr_resume(t, PTRACE_CONT, 0);
        return;
    }
    if (tr_debug_log)
        fprintf(tr_debug_log, "  %d %s %s %s\n", (int)t->pid, ck->name, p1, p2);
    long rec = tr_record(t, ck->name, arg);
    if (rec >= 0) {
        trace_call *c = &tr.s->sh->calls[rec];
        tr_keep_path(c->path, sizeof c->path, p1);
        tr_keep_path(c->path2, sizeof c->path2, p2);
        if (wants_hold(t, c, ck->kind)) {
            if (tr_debug_log)
                fprintf(tr_debug_log, "HOLD %d launcher %d\n", (int)t->pid,
                        t->launcher);
            c->held = true;
            if (!tr.deadline_armed)
                tr_arm_deadline(); /* the others have this long to come */
            tr.reached[t->launcher] = true;
            tr.held[t->launcher] = t->pid;
            t->rec = rec;
            t->state = HELD_ENTER;
            tr_evaluate();
            return;
        }
    }
    t->rec = rec;
    t->state = AWAIT_EXIT;
    tr_resume(t, PTRACE_SYSCALL, 0);
}

static void on_syscall_stop(tracee *t)
{
    struct __ptrace_syscall_info info;
    if (ptrace(PTRACE_GET_SYSCALL_INFO, t->pid, (void *)sizeof info, &info) >=
            0 &&
        info.op == PTRACE_SYSCALL_INFO_EXIT)
        tr_set_result(t->rec, (long)info.exit.rval);
    t->rec = -1;
    if (t->state == RUN_HELD) {
        t->state = HELD_EXIT;
        tr_evaluate();
        return;
    }
    t->state = RUNNING;
    tr_resume(t, PTRACE_CONT, 0);
    if (tr.phase != FREE)
        tr_evaluate(); /* a ready file may just have been made */
}

static void on_event(tracee *t, int event)
{
    unsigned long msg = 0;
    ptrace(PTRACE_GETEVENTMSG, t->pid, 0L, &msg);
    const char *name = event == PTRACE_EVENT_FORK    ? "fork"
                       : event == PTRACE_EVENT_VFORK ? "vfork"
                       : event == PTRACE_EVENT_CLONE ? "clone"
                                                     : "execve";
    long rec = tr_record(t, name, NULL);
    if (event == PTRACE_EVENT_EXEC) {
        /* A thread other than the leader exec'd: it took the leader's PID
         * and the old thread is gone. */
        tracee *old = (pid_t)msg != t->pid ? tr_find((pid_t)msg) : NULL;
        if (old)
            old->used = false;
        tr_set_result(rec, 0);
    } else {
        tr_add((pid_t)msg, t->launcher);
        tr_set_result(rec, (long)msg);
    }
    tr_resume(t, PTRACE_CONT, 0);
}

static void gone(tracee *t)
{
    int i = t->launcher;
    if (i >= 0 && t->pid == tr.launcher_pid[i])
        tr.launcher_gone[i] = true;
    if (i >= 0 && tr.held[i] == t->pid)
        tr.held[i] = 0;
    t->used = false;
    tr_evaluate();
}

static void on_wait(pid_t pid, int st)
{
    tracee *t = tr_find(pid);
    if (tr_debug_log)
        fprintf(tr_debug_log, "%d st=%#x state=%d phase=%d\n", (int)pid, st,
                t ? (int)t->state : -1, (int)tr.phase);
    if (WIFEXITED(st) || WIFSIGNALED(st)) {
        if (t)
            gone(t);
        return;
    }
    if (!WIFSTOPPED(st))
        return;
    if (t == NULL)
        t = tr_add(pid, tr_launcher_of_new(pid));
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
            tr_resume(t, PTRACE_CONT, 0);
        return;
    case 0:
        break;
    default:
        tr_resume(t, PTRACE_CONT, 0);
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
            tr_resume(t, PTRACE_CONT, 0); /* an exit stop nobody waits for */
        return;
    }
    /* A signal for the tracee: deliver it, in the mode it was in. */
    tr_resume(t, t->state == AWAIT_EXIT || t->state == RUN_HELD ? PTRACE_SYSCALL
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
        int e = tr_install_filter(&s->prog) < 0 ? errno : 0;
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
        tr_add(cmd.pid, cmd.index);
        tr.launcher_pid[cmd.index] = cmd.pid;
        tr.attached++;
    }
    return write(s->ack[1], &r, sizeof r) == (ssize_t)sizeof r;
}

void tr_tracer_main(trace_session *s)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    memset(&tr, 0, sizeof tr);
    if (run_config()->trace_log != NULL) {
        tr_debug_log = fopen(run_config()->trace_log, "ae");
        if (tr_debug_log)
            setvbuf(tr_debug_log, NULL, _IOLBF, 0);
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
            tr_on_deadline();
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
