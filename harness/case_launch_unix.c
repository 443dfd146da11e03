/* case_launch_unix.c: case_launch_os.h on Unix: a launcher is forked
 * and execs after case_inherit.c has set up what a careless parent gives
 * (a terminal, fds, limits), traced or held where the case asks; it and
 * --send are our children, waited for by waitpid. */
#include "case_launch_os.h"

#include "hold_unseen.h"
#include "host.h"
#include "pipes.h"
#include "sandbox.h"
#include "spawn_os.h"
#include "trace.h"
#include "trace_case.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

void case_launch_os_forget(launch *l, size_t k)
{
    (void)k;
    if (l->pty_master >= 0)
        close(l->pty_master);
}

/* Each launcher gets a terminal of its own: a terminal can be the
 * controlling terminal of one session only. */
static int open_pty(char *slave, size_t size)
{
    int m = spawn_open_pty(slave, size);
    if (m < 0)
        case_broken("cannot open a pseudo-terminal: %s",
                       strerror(errno));
    return m;
}

/* The launcher usually leads a session of its own, which owns the pty; but
 * when a session leader exits, the kernel takes the terminal away from
 * every process of its session, so a daemon that never left it would show
 * no terminal either. For the case that asks, the worker leads the session
 * instead (it lives until the case ends) and the launcher joins it, with
 * the pty as its controlling terminal all the same. SIGHUP is ignored in
 * the worker, which the pty's hang-up at the case's end would otherwise
 * end. */
static void keep_terminal(const char *slave)
{
    signal(SIGHUP, SIG_IGN);
    if (getsid(0) != getpid() && setsid() < 0)
        case_broken("the worker cannot lead a session: %s",
                       strerror(errno));
    int tty = open(slave, O_RDWR | O_CLOEXEC);
    if (tty < 0 || ioctl(tty, TIOCSCTTY, 1) < 0)
        case_broken("the worker cannot take %s as its terminal: %s",
                       slave, strerror(errno));
    close(tty);
}


/* The highest soft limit we may set: the hard limit, and 1<<20 at most
 * (on these machines the hard limit is 20000 and cannot be raised). */
static rlim_t raised_limit(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
        return 0;
    rlim_t want = (rlim_t)1 << 20;
    return rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want
                                                             : rl.rlim_max;
}

static launch *start_one(const launch_spec *spec, const int barrier[2],
                         trace_session *trace, size_t index, int unseen)
{
    static const launch_spec none;
    const launch_spec *s = spec ? spec : &none;
    size_t k;
    launch *l = case_launch_new(s, &k);

    char slave[64] = "";
    bool careless = host()->careless_parent;
    if (careless)
        l->pty_master = open_pty(slave, sizeof slave);
    if (s->terminal_outlives_launcher && careless)
        keep_terminal(slave);
    case_inheritance in = {
        .careless_parent = careless,
        .barrier = {barrier[0], barrier[1]},
        .pty_slave = slave,
        .worker_has_terminal = s->terminal_outlives_launcher && careless,
        .launch_dir = sandbox_path("launch"),
        .out = sandbox_capture(l->out),
        .err = sandbox_capture(l->err),
        .inherited = {sandbox_path("inherited-3"), sandbox_path("inherited-4"),
                      sandbox_path("inherited-5"), sandbox_path("inherited-1000")},
        .trace = trace,
        .unseen = unseen,
        .notify_fifo = s->notify_fifo,
        .closed_stdio = s->closed_stdio,
    };
    if (s->raise_nofile) {
        in.limit = raised_limit();
        if (in.limit <= CASE_INHERITED_HIGH + 1)
            case_broken("RLIMIT_NOFILE cannot be raised above %d",
                     CASE_INHERITED_HIGH + 1);
        l->high_fd = (int)in.limit - 1;
        in.near_limit = sandbox_path(sandbox_printf("inherited-%d", l->high_fd));
    }
    char **argv = case_launcher_argv(l, s);
    /* A recording tracer (trace_case.h) must attach before exec: a lone
     * launch then waits on a barrier of its own. */
    int own[2] = {-1, -1};
    if (trace == NULL && (trace = case_observer(k)) != NULL) {
        index = k;
        if (barrier[0] < 0 && dk_pipe(own, O_CLOEXEC) == 0)
            in.barrier[0] = own[0], in.barrier[1] = own[1];
        if (in.barrier[0] < 0)
            trace = NULL; /* no pipe: this launch goes untraced */
        in.trace = trace;
    }

    pid_t pid = fork();
    if (pid < 0)
        case_broken("fork: %s", strerror(errno));
    if (pid == 0)
        case_exec_launcher(argv, &in);
    close(in.out); /* the launcher and its daemon hold them now */
    close(in.err);
    l->launcher = pid;
    if (unseen >= 0)
        unseen_attach((size_t)unseen, pid);
    if (trace && trace_attach(trace, pid, index) < 0)
        case_broken("cannot trace launcher %d: %s", (int)pid,
                       strerror(errno));
    if (own[0] >= 0) {
        close(own[0]);
        close(own[1]);
    }
    return l;
}

launch *case_start(const launch_spec *spec)
{
    static const int no_barrier[2] = {-1, -1};
    return start_one(spec, no_barrier, NULL, 0, -1);
}

void case_start_all(const launch_spec *spec, size_t k, launch **out)
{
    case_start_all_traced(spec, k, out, NULL);
}

void case_start_all_traced(const launch_spec *spec, size_t k, launch **out,
                           trace_session *trace)
{
    int p[2];
    if (dk_pipe(p, O_CLOEXEC) < 0)
        case_broken("pipe: %s", strerror(errno));
    for (size_t i = 0; i < k; i++)
        out[i] = start_one(spec, p, trace, i, -1);
    close(p[0]);
    close(p[1]); /* EOF: every launcher execs now */
}

void case_start_all_unseen(const launch_spec *spec, size_t k, launch **out)
{
    int p[2];
    if (dk_pipe(p, O_CLOEXEC) < 0)
        case_broken("pipe: %s", strerror(errno));
    for (size_t i = 0; i < k; i++)
        out[i] = start_one(spec, p, NULL, i, (int)i);
    close(p[0]);
    close(p[1]);
}

bool case_launch_os_wait(launch *l, size_t k, dk_deadline d)
{
    (void)k;
    return dk_wait_child(l->launcher, &l->status, d) == 0;
}

int case_launch_os_code(int status, bool *exited)
{
    *exited = WIFEXITED(status);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* The --send process is reaped, and so is every other child that exited
 * meanwhile: the worker is the daemons' subreaper, as init is, and a send
 * that waits for its daemon to be gone (kill(PID, 0) until ESRCH, as the
 * daemons gem's stop and jsvc -stop do) would wait on a zombie of ours. */
static bool send_reaped(void *arg)
{
    dk_reap_exited();
    return dk_reaped_status(*(const pid_t *)arg, NULL);
}

bool case_send_os_run(char **argv, int out, int err, pid_t *pid, int *status,
                      dk_deadline d)
{
    pid_t p = fork();
    if (p < 0)
        case_broken("fork: %s", strerror(errno));
    if (p == 0) {
        spawn_cloexec_from(3);
        int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(126);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(out);
    close(err);
    *pid = p;
    return dk_wait_until(send_reaped, &p, d) && dk_reaped_status(p, status);
}
