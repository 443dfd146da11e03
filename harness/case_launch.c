/* case_launch.c: launching the subject the way CONTRACT.md §2 says (its
 * command line, through the run's host.h), waiting for the launcher, and
 * finding the daemon it left; --send the same way. */
#include "case_private.h"

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

#define MAX_LAUNCHES 64

static struct {
    launch launches[MAX_LAUNCHES];
    size_t n_launches;
} the_launches;

void case_launches_end(void)
{
    for (size_t i = 0; i < the_launches.n_launches; i++)
        if (the_launches.launches[i].pty_master >= 0)
            close(the_launches.launches[i].pty_master);
    the_launches.n_launches = 0;
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

size_t case_subject_command(char **argv, size_t max)
{
    size_t n = host()->command(argv, max);
    return n + sandbox_command(argv + n, max - n);
}

/* A path as the subject names it. */
static const char *subject_path(const char *path)
{
    return path ? host()->path(path) : path;
}

static char **launcher_argv(const launch *l, const launch_spec *s)
{
    char **argv = sandbox_alloc(sizeof(char *) * (CASE_MAX_ARGS + 1));
    size_t n = case_subject_command(argv, CASE_MAX_ARGS - 40);
#define ARG(flag, value)                                                       \
    do {                                                                       \
        if (value) {                                                           \
            argv[n++] = flag;                                                  \
            argv[n++] = (char *)(value);                                       \
        }                                                                      \
    } while (0)
    /* daemon7 behaviour is asked for where the subject offers it; one
     * without the option is judged on what it does by default (CONTRACT.md,
     * "Profiles"). */
    if (case_profile_daemon7() && sandbox_has("profile")) {
        argv[n++] = "--profile";
        argv[n++] = "daemon7";
    }
    ARG("--pidfile", l->pidfile_subject);
    ARG("--ready", subject_path(l->ready));
    ARG("--chdir", subject_path(s->chdir));
    ARG("--umask", s->umask);
    ARG("--stdin", subject_path(s->stdin_path));
    ARG("--stdout", subject_path(s->stdout_path));
    ARG("--stderr", subject_path(s->stderr_path));
    for (size_t i = 0; i < s->n_shield && i < 4; i++)
        ARG("--shield", sandbox_printf("%d", s->shield[i]));
    for (size_t i = 0; i < s->n_on && i < 3; i++)
        ARG("--on", s->on[i]);
    if (s->notify_socket)
        argv[n++] = "--notify-socket";
    if (s->notify_fifo)
        ARG("--notify-fd", sandbox_printf("%d", CASE_NOTIFY_FD));
    ARG("--user", s->user);
    ARG("--group", s->group);
    ARG("--timeout", s->timeout);
#undef ARG
    argv[n] = NULL;
    return argv;
}

static const char *ready_path(size_t k)
{
    return sandbox_path(k == 0 ? "ready" : sandbox_printf("ready.%zu", k));
}

const char *case_next_ready(size_t i)
{
    return ready_path(the_launches.n_launches + i);
}

static launch *start_one(const launch_spec *spec, const int barrier[2],
                         trace_session *trace, size_t index, int unseen)
{
    static const launch_spec none;
    const launch_spec *s = spec ? spec : &none;
    if (the_launches.n_launches == MAX_LAUNCHES)
        case_broken("more than %d launches in one case", MAX_LAUNCHES);
    size_t k = the_launches.n_launches++;
    launch *l = &the_launches.launches[k];
    memset(l, 0, sizeof *l);
    l->pty_master = -1;
    snprintf(l->pidfile, sizeof l->pidfile, "%s",
             s->pidfile ? sandbox_path(s->pidfile) : sandbox_path("daemon.pid"));
    snprintf(l->pidfile_subject, sizeof l->pidfile_subject, "%s",
             subject_path(l->pidfile));
    snprintf(l->ready, sizeof l->ready, "%s", s->ready ? s->ready : ready_path(k));
    snprintf(l->out, sizeof l->out, "%s",
             sandbox_path(sandbox_printf("launcher-%zu.out", k)));
    snprintf(l->err, sizeof l->err, "%s",
             sandbox_path(sandbox_printf("launcher-%zu.err", k)));

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
    char **argv = launcher_argv(l, s);
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

const char *case_printed(const char *out, const char *err)
{
    unsigned long long n_out = sandbox_captured(out), n_err = sandbox_captured(err);
    if (n_out + n_err == 0)
        return "";
    return sandbox_printf("; it printed %llu bytes on stdout, %llu on stderr, "
                          "first: \"%s\"", n_out, n_err,
                          sandbox_quote_first_line(n_err ? err : out));
}

int case_wait_launcher(launch *l)
{
    if (!l->exited) {
        if (dk_wait_child(l->launcher, &l->status,
                          dk_deadline_in(CASE_DEADLINE)) < 0) {
            const char *why = case_outlived(l->launcher, 0);
            if (why == NULL)
                case_inconclusive(CASE_DEADLINE, "%sthe launcher %d's exit "
                                  "(still running, not idle)%s",
                                  case_current_context(), (int)l->launcher,
                                  case_printed(l->out, l->err));
            cr_assert_fail("%slauncher %d still running after %gs (expected it "
                     "to exit once daemonization is done): %s%s",
                     case_current_context(), (int)l->launcher, CASE_DEADLINE, why,
                     case_printed(l->out, l->err));
        }
        l->exited = true;
    }
    if (WIFEXITED(l->status) && WEXITSTATUS(l->status) == CASE_SETUP_FAILED &&
        strncmp(case_launcher_error(l), CASE_SETUP_FAILED_LINE,
                strlen(CASE_SETUP_FAILED_LINE)) == 0)
        case_broken("the launcher's set-up failed: %s",
                    case_launcher_error(l));
    if (WIFEXITED(l->status) && WEXITSTATUS(l->status) == CASE_ADAPTER_BROKEN)
        case_broken("the adapter failed (exit %d): %s",
                       CASE_ADAPTER_BROKEN, case_launcher_error(l));
    if (!WIFEXITED(l->status) || WEXITSTATUS(l->status) != 0)
        host()->own_failure(case_launcher_error(l));
    if (WIFEXITED(l->status))
        return WEXITSTATUS(l->status);
    return 128 + WTERMSIG(l->status);
}

const char *case_launcher_error(launch *l)
{
    return sandbox_quote_first_line(l->err);
}

/* The ready file is there, or nobody is left alive to write it. */
/* A scan of the process table is no snapshot: a daemon whose parent exits during the scan
 * can be missed once (it still names that parent, no longer listed), so
 * "nobody" must hold on a second scan, by when it names us. */
static bool ready_or_nobody(void *arg)
{
    const launch *l = arg;
    pid_t living[1];
    return access(l->ready, F_OK) == 0 ||
           (case_living(living, 1) == 0 && case_living(living, 1) == 0);
}

void case_settle(launch *l)
{
    if (case_wait_launcher(l) == 0)
        dk_wait_until(ready_or_nobody, l, dk_deadline_in(CASE_DEADLINE));
}

pid_t case_daemon(launch *l)
{
    int code = case_wait_launcher(l);
    if (code != 0)
        cr_assert_fail("%sexpected the launcher to exit 0 with a daemon running; "
                 "it exited %d: \"%s\"",
                 case_current_context(), code, case_launcher_error(l));
    dk_wait_until(ready_or_nobody, l, dk_deadline_in(CASE_DEADLINE));
    const char *why = access(l->ready, F_OK) != 0
                          ? sandbox_read(sandbox_printf("%s.broken", l->ready), NULL)
                          : NULL;
    if (why != NULL)
        case_broken("the adapter failed in the daemon: %.*s",
                       (int)strcspn(why, "\n"), why);
    /* Nobody left to write it, or everybody asleep, is evidence; anyone
     * still working when the deadline passed may only be slow. */
    const char *idle = NULL;
    if (access(l->ready, F_OK) != 0 && case_count_living() > 0 &&
        (idle = case_idle()) == NULL)
        case_inconclusive(CASE_DEADLINE, "%sthe ready file %s after the "
                          "launcher exited 0 (living, not idle: [%s])",
                          case_current_context(), l->ready, case_describe_living());
    if (access(l->ready, F_OK) != 0)
        cr_assert_fail("%slauncher exited 0 but no daemon wrote %s within %gs; "
                 "living: [%s]%s%s",
                 case_current_context(), l->ready, CASE_DEADLINE, case_describe_living(),
                 idle ? ", " : "", idle ? idle : "");
    size_t len;
    const char *text = sandbox_read(l->ready, &len);
    char *end;
    long pid = text ? strtol(text, &end, 10) : 0;
    if (text == NULL || pid <= 0 || case_after_line_end(end) == NULL)
        cr_assert_fail("%sready file %s holds no PID: \"%s\"", case_current_context(), l->ready,
                 text ? text : "(unreadable)");
    if (!host()->is_ours((pid_t)pid))
        cr_assert_fail("%sthe daemon %ld named in the ready file is not alive "
                 "among the processes we spawned; living: [%s]",
                 case_current_context(), pid, case_describe_living());
    l->daemon = (pid_t)pid;
    return l->daemon;
}

pid_t case_run(const launch_spec *spec, launch **out)
{
    launch *l = case_start(spec);
    if (out)
        *out = l;
    return case_daemon(l);
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

int case_send(const char *sig, const char *pidfile)
{
    char *argv[CASE_MAX_ARGS + 1];
    size_t n = case_subject_command(argv, CASE_MAX_ARGS - 5);
    argv[n++] = "--send";
    argv[n++] = (char *)sig;
    argv[n++] = "--pidfile";
    argv[n++] = (char *)subject_path(pidfile);
    argv[n] = NULL;
    /* Its output, like the launcher's, goes to bounded logs: never ours. */
    int out = sandbox_capture(sandbox_path("send.out"));
    int err = sandbox_capture(sandbox_path("send.err"));
    pid_t pid = fork();
    if (pid < 0)
        case_broken("fork: %s", strerror(errno));
    if (pid == 0) {
        spawn_cloexec_from(3);
        int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
            _exit(126);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(out);
    close(err);
    int status;
    if (!dk_wait_until(send_reaped, &pid, dk_deadline_in(CASE_DEADLINE)) ||
        !dk_reaped_status(pid, &status)) {
        const char *why = case_outlived(pid, 0);
        const char *said = case_printed(sandbox_path("send.out"),
                                   sandbox_path("send.err"));
        if (why == NULL)
            case_inconclusive(CASE_DEADLINE, "%s'--send %s' to exit (still "
                              "running, not idle)%s", case_current_context(), sig,
                              said);
        cr_assert_fail("%s'--send %s' still running after %gs: %s%s",
                       case_current_context(), sig, CASE_DEADLINE, why, said);
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == CASE_ADAPTER_BROKEN) {
        case_broken("the adapter failed (exit %d) on --send: %s",
                       CASE_ADAPTER_BROKEN,
                       sandbox_quote_first_line(sandbox_path("send.err")));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        host()->own_failure(sandbox_quote_first_line(sandbox_path("send.err")));
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
