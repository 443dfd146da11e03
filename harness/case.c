/* case.c: a case's sandbox, the launch of the subject, and its teardown.
 *
 * The launcher is started the way a careless parent would start a daemon,
 * so that every step has something to undo: a pseudo-terminal as its
 * controlling terminal, umask 0, a cwd the daemon must not keep, inherited
 * fds low and high, and signals blocked and ignored (H5). */
#include "case.h"

#include "hold_unseen.h"
#include "notify_recv.h"
#include "pipes.h"
#include "sandbox.h"
#include "spawn_os.h"
#include "teardown.h"
#include "trace.h"
#include "trace_case.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 64
#define MAX_LAUNCHES 64

static struct {
    launch launches[MAX_LAUNCHES];
    size_t n_launches;
} the_case;

/* What a failure of these helpers is about, before its own words: nothing
 * for the case's own launches, "cannot judge (precondition ...): " while a
 * precondition runs, what a race saw so far (case_context_by). The step
 * itself is never written here: it is the case's suite, and the report
 * names it once. */
static const char *context = "";
static const char *(*context_fn)(void *);
static void *context_arg;

static const char *current_context(void)
{
    return context_fn != NULL ? context_fn(context_arg) : context;
}

/* Each launcher gets a terminal of its own: a terminal can be the
 * controlling terminal of one session only. */
static int open_pty(char *slave, size_t size)
{
    int m = spawn_open_pty(slave, size);
    if (m < 0)
        cr_assert_fail("BROKEN: cannot open a pseudo-terminal: %s",
                       strerror(errno));
    return m;
}

bool case_windows(void)
{
    const char *platform = getenv("DKCHECK_PLATFORM");
    return platform != NULL && strcmp(platform, "windows") == 0;
}

/* Past the newline that ends a PID's line at end, or NULL. A Windows
 * subject's line may end as a Windows text file's does, "\r\n" (Python's
 * text mode writes it, Daemoniker's PID file among them). */
static const char *after_line_end(const char *end)
{
    if (end[0] == '\r' && case_windows())
        end++;
    return end[0] == '\n' ? end + 1 : NULL;
}

bool case_profile_daemon7(void)
{
    const char *p = getenv("DKCHECK_PROFILE");
    return p != NULL && strcmp(p, "daemon7") == 0;
}

/* Each profile runs its own cases (the D steps are daemon7's); dkcheck's
 * default filter leaves the other's out, and a --filter naming them gets
 * this reason. */
static const char *profile_skip(const char *suite)
{
    bool d7_case = suite[0] == 'D' && suite[1] >= '0' && suite[1] <= '9';
    if (d7_case && !case_profile_daemon7())
        return "a daemon7 profile case (dkcheck --profile daemon7)";
    if (!d7_case && case_profile_daemon7())
        return "not in the daemon7 profile (dkcheck --profile daemoniker "
               "runs it)";
    return NULL;
}

const char *case_skip_before_start(const char *suite, void (*init)(void),
                                   char *buf, size_t size)
{
    const char *profile = profile_skip(suite);
    if (profile != NULL)
        return profile;
    bool windows_case = init == case_init_windows ||
                        (init == case_init_any && case_windows());
    if (init == case_init && case_windows())
        return "n/a: a Unix case; the subject is a Windows program";
    if (init == case_init_windows && !case_windows())
        return "n/a: a Windows case; the subject is not a Windows program";
    const char *missing = getenv("DKCHECK_WINE_MISSING");
    if (windows_case && missing != NULL) {
        snprintf(buf, size, "a Windows case, and Wine cannot run it here: %s",
                 missing);
        return buf;
    }
    return NULL;
}

/* In the case's worker: the skip the runner would have made already
 * (case_preskip.c), for a case started on its own or through Criterion's
 * own runner. */
static void skip_before_start(void (*init)(void))
{
    char buf[512];
    const char *why = case_skip_before_start(criterion_current_suite->name,
                                             init, buf, sizeof buf);
    if (why != NULL)
        cr_skip_test("%s", why);
}

int case_launcher_umask(void)
{
    return case_profile_daemon7() ? CASE_LAUNCHER_UMASK_D7
                                  : CASE_LAUNCHER_UMASK;
}

void case_init(void)
{
    skip_before_start(case_init);
    /* A dkcheck run by systemd must not hand its own supervisor's socket
     * to subjects: only the N1 cases set one, their own. */
    unsetenv("NOTIFY_SOCKET");
    sandbox_open();
}

void case_init_any(void)
{
    skip_before_start(case_init_any);
    sandbox_open();
}

void case_init_windows(void)
{
    skip_before_start(case_init_windows);
    sandbox_open();
}

void case_fini(void)
{
    for (size_t i = 0; i < the_case.n_launches; i++)
        if (the_case.launches[i].pty_master >= 0)
            close(the_case.launches[i].pty_master);
    the_case.n_launches = 0;
    notify_close(); /* N1's socket, if any, and a directory made for it */
    trace_end();
    sandbox_close(); /* the processes first: they wait on unseen's answers */
    unseen_end();
}

/* ---- the launcher's inheritance, set up in the child between fork and exec.
 * Only async-signal-safe calls from here to execvp. */

/* A set-up failure in the child: exit 126 with a line case_wait_launcher
 * recognises, so a broken harness is never blamed on the subject. */
static void broken(const char *what) __attribute__((noreturn));
static void broken(const char *what)
{
    dprintf(2, "dkcheck: BROKEN: %s: %s\n", what, strerror(errno));
    _exit(126);
}

static void plant_fd_flags(int target, const char *path, int flags)
{
    int f = open(path, flags | O_CLOEXEC, 0600);
    if (f < 0)
        broken(path);
    if (f == target)
        fcntl(f, F_SETFD, 0);
    else {
        dup2(f, target);
        close(f);
    }
}

static void plant_fd(int target, const char *path)
{
    plant_fd_flags(target, path, O_RDWR | O_CREAT);
}

static void give_controlling_terminal(const char *slave, bool own_session)
{
    if (own_session)
        setsid();
    int tty = open(slave, O_RDWR | O_CLOEXEC);
    if (tty < 0 || (own_session && ioctl(tty, TIOCSCTTY, 0) < 0))
        broken("controlling terminal");
    dup2(tty, 0);
    close(tty);
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
        cr_assert_fail("BROKEN: the worker cannot lead a session: %s",
                       strerror(errno));
    int tty = open(slave, O_RDWR | O_CLOEXEC);
    if (tty < 0 || ioctl(tty, TIOCSCTTY, 1) < 0)
        cr_assert_fail("BROKEN: the worker cannot take %s as its terminal: %s",
                       slave, strerror(errno));
    close(tty);
}

static void give_signals(void)
{
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, SIG_DFL);
    signal(SIGUSR2, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGUSR1);
    sigaddset(&blocked, SIGALRM);
    sigprocmask(SIG_SETMASK, &blocked, NULL);
}

typedef struct inheritance {
    int barrier[2];             /* exec once barrier[0] reads EOF; or -1 */
    const char *pty_slave;
    bool worker_has_terminal;   /* keep_terminal: join, do not lead */
    const char *launch_dir;
    int out, err;               /* capture pipes (sandbox_capture) */
    const char *inherited[4];   /* paths for the low, shield and high fds */
    const char *near_limit;     /* H7 */
    const char *notify_fifo;    /* N2: opened for writing as CASE_NOTIFY_FD */
    rlim_t limit;
    const trace_session *trace; /* traced launch (trace.h), or NULL */
    int unseen;                 /* its index under hold_unseen.h, or -1 */
    bool windows;               /* a Windows subject: stdio and cwd only */
    unsigned closed_stdio;      /* launch_spec's */
} inheritance;

static void plant_inheritance(const inheritance *in);
static void exec_launcher(char **argv, const inheritance *in)
    __attribute__((noreturn));
static void exec_launcher(char **argv, const inheritance *in)
{
    if (in->trace)
        trace_child_prepare(in->trace);
    if (in->barrier[0] >= 0) {
        char c;
        close(in->barrier[1]); /* or our own copy would keep EOF away */
        while (read(in->barrier[0], &c, 1) < 0 && errno == EINTR)
            ;
    }
    /* Whatever the worker had open (Criterion's pipes) must not leak in. */
    spawn_cloexec_from(3);
    if (dup2(in->out, 1) < 0 || dup2(in->err, 2) < 0)
        _exit(126); /* no stderr yet to say why; the status still tells */
    if (in->windows) {
        /* Under Wine what a Unix launcher inherits means nothing to the
         * subject (Wine's own processes would hold the terminal). */
        int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null < 0 || dup2(null, 0) < 0)
            broken("/dev/null");
    } else {
        give_controlling_terminal(in->pty_slave, !in->worker_has_terminal);
        plant_inheritance(in);
    }
    if (chdir(in->launch_dir) < 0)
        broken(in->launch_dir);
    if (in->trace && trace_child_arm(in->trace) < 0)
        broken("seccomp filter for the tracer");
    if (in->unseen >= 0 && unseen_child_arm((size_t)in->unseen) < 0)
        broken("seccomp listener for the holding thread");
    execvp(argv[0], argv);
    dprintf(2, "dkcheck: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* The fds, limit, signals and umask a Unix launcher inherits. */
static void plant_inheritance(const inheritance *in)
{
    plant_fd(CASE_INHERITED_LOW_A, in->inherited[0]);
    plant_fd(CASE_INHERITED_LOW_B, in->inherited[1]);
    plant_fd(CASE_INHERITED_SHIELD, in->inherited[2]);
    plant_fd(CASE_INHERITED_HIGH, in->inherited[3]);
    /* The case holds the FIFO's read end, so this open does not block. */
    if (in->notify_fifo != NULL)
        plant_fd_flags(CASE_NOTIFY_FD, in->notify_fifo, O_WRONLY);
    if (in->near_limit != NULL) {
        struct rlimit rl;
        getrlimit(RLIMIT_NOFILE, &rl);
        rl.rlim_cur = in->limit;
        if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
            broken("setrlimit");
        plant_fd((int)in->limit - 1, in->near_limit);
    }
    give_signals();
    umask((mode_t)case_launcher_umask());
    for (int fd = 0; fd <= 2; fd++)
        if (in->closed_stdio & (1u << fd))
            close(fd);
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

/* The subject's command line, with wine in front for a Windows one. */
static size_t subject_command(char **argv, size_t max)
{
    size_t n = 0;
    if (case_windows())
        argv[n++] = "wine";
    return n + sandbox_command(argv + n, max - n);
}

/* A path as the subject names it. */
static const char *subject_path(const char *path)
{
    return path && case_windows() ? case_win_path(path) : path;
}

static char **launcher_argv(const launch *l, const launch_spec *s)
{
    char **argv = sandbox_alloc(sizeof(char *) * (MAX_ARGS + 1));
    size_t n = subject_command(argv, MAX_ARGS - 40);
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
    return ready_path(the_case.n_launches + i);
}

static launch *start_one(const launch_spec *spec, const int barrier[2],
                         trace_session *trace, size_t index, int unseen)
{
    static const launch_spec none;
    const launch_spec *s = spec ? spec : &none;
    if (the_case.n_launches == MAX_LAUNCHES)
        cr_assert_fail("BROKEN: more than %d launches in one case", MAX_LAUNCHES);
    size_t k = the_case.n_launches++;
    launch *l = &the_case.launches[k];
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
    if (!case_windows())
        l->pty_master = open_pty(slave, sizeof slave);
    if (s->terminal_outlives_launcher && !case_windows())
        keep_terminal(slave);
    inheritance in = {
        .windows = case_windows(),
        .barrier = {barrier[0], barrier[1]},
        .pty_slave = slave,
        .worker_has_terminal = s->terminal_outlives_launcher && !case_windows(),
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
            cr_assert_fail("BROKEN: RLIMIT_NOFILE cannot be raised above %d",
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
        cr_assert_fail("BROKEN: fork: %s", strerror(errno));
    if (pid == 0)
        exec_launcher(argv, &in);
    close(in.out); /* the launcher and its daemon hold them now */
    close(in.err);
    l->launcher = pid;
    if (unseen >= 0)
        unseen_attach((size_t)unseen, pid);
    if (trace && trace_attach(trace, pid, index) < 0)
        cr_assert_fail("BROKEN: cannot trace launcher %d: %s", (int)pid,
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
        cr_assert_fail("BROKEN: pipe: %s", strerror(errno));
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

/* What a process printed, quoted briefly for a message that it explains:
 * "" if nothing, else "; it printed N bytes on stdout, M on stderr, the
 * first line of stderr (or stdout): \"...\"". */
static const char *printed(const char *out, const char *err)
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
                                  current_context(), (int)l->launcher,
                                  printed(l->out, l->err));
            cr_assert_fail("%slauncher %d still running after %gs (expected it "
                     "to exit once daemonization is done): %s%s",
                     current_context(), (int)l->launcher, CASE_DEADLINE, why,
                     printed(l->out, l->err));
        }
        l->exited = true;
    }
    if (WIFEXITED(l->status) && WEXITSTATUS(l->status) == 126 &&
        strncmp(case_launcher_error(l), "dkcheck: BROKEN", 15) == 0)
        cr_assert_fail("%s", case_launcher_error(l));
    if (WIFEXITED(l->status) && WEXITSTATUS(l->status) == CASE_ADAPTER_BROKEN)
        cr_assert_fail("BROKEN: the adapter failed (exit %d): %s",
                       CASE_ADAPTER_BROKEN, case_launcher_error(l));
    if (!WIFEXITED(l->status) || WEXITSTATUS(l->status) != 0)
        case_wine_internal_error(case_launcher_error(l));
    if (WIFEXITED(l->status))
        return WEXITSTATUS(l->status);
    return 128 + WTERMSIG(l->status);
}

/* ---- case_listing ---- */

/* rel is exactly the pattern (one %u in it). */
static bool matches(const char *rel, const char *pattern_n)
{
    unsigned k;
    int n = 0;
    return sscanf(rel, pattern_n, &k, &n) == 1 && n > 0 && rel[n] == '\0';
}

static bool made_by_harness(const char *rel)
{
    return matches(rel, "launcher-%u.out%n") ||
           matches(rel, "launcher-%u.err%n") ||
           matches(rel, "inherited-%u%n") || strcmp(rel, "send.err") == 0 ||
           strcmp(rel, "send.out") == 0;
}

struct listing {
    char **lines;
    size_t n, cap;
};

static void list_dir(struct listing *out, const char *rel)
{
    const char *dir = sandbox_path(rel[0] ? rel : ".");
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        const char *child = rel[0] ? sandbox_printf("%s/%s", rel, e->d_name)
                                   : sandbox_printf("%s", e->d_name);
        if (made_by_harness(child))
            continue;
        struct stat st;
        char type = lstat(sandbox_path(child), &st) < 0 ? '?'
                    : S_ISDIR(st.st_mode)            ? 'd'
                    : S_ISLNK(st.st_mode)            ? 'l'
                    : S_ISREG(st.st_mode)            ? 'f'
                                                     : '?';
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 32;
            char **bigger = sandbox_alloc(cap * sizeof *bigger);
            if (out->n)
                memcpy(bigger, out->lines, out->n * sizeof *bigger);
            out->lines = bigger;
            out->cap = cap;
        }
        out->lines[out->n++] = sandbox_printf("%c %s", type, child);
        if (type == 'd')
            list_dir(out, child);
    }
    closedir(d);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *case_listing(void)
{
    struct listing l = {0};
    list_dir(&l, "");
    if (l.n > 1)
        qsort(l.lines, l.n, sizeof *l.lines, by_name);
    size_t total = 1;
    for (size_t i = 0; i < l.n; i++)
        total += strlen(l.lines[i]) + 1;
    char *s = sandbox_alloc(total), *end = s;
    for (size_t i = 0; i < l.n; i++)
        end += sprintf(end, "%s\n", l.lines[i]);
    *end = '\0';
    return s;
}

const char *case_launcher_error(launch *l)
{
    return sandbox_quote_first_line(l->err);
}

static bool is_descendant(pid_t pid)
{
    pid_t living[4096];
    size_t n = obs_descendants(getpid(), living, 4096);
    for (size_t i = 0; i < n; i++)
        if (living[i] == pid)
            return true;
    return false;
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
                 current_context(), code, case_launcher_error(l));
    dk_wait_until(ready_or_nobody, l, dk_deadline_in(CASE_DEADLINE));
    const char *why = access(l->ready, F_OK) != 0
                          ? sandbox_read(sandbox_printf("%s.broken", l->ready), NULL)
                          : NULL;
    if (why != NULL)
        cr_assert_fail("BROKEN: the adapter failed in the daemon: %.*s",
                       (int)strcspn(why, "\n"), why);
    /* Nobody left to write it, or everybody asleep, is evidence; anyone
     * still working when the deadline passed may only be slow. */
    const char *idle = NULL;
    if (access(l->ready, F_OK) != 0 && case_count_living() > 0 &&
        (idle = case_idle()) == NULL)
        case_inconclusive(CASE_DEADLINE, "%sthe ready file %s after the "
                          "launcher exited 0 (living, not idle: [%s])",
                          current_context(), l->ready, case_describe_living());
    if (access(l->ready, F_OK) != 0)
        cr_assert_fail("%slauncher exited 0 but no daemon wrote %s within %gs; "
                 "living: [%s]%s%s",
                 current_context(), l->ready, CASE_DEADLINE, case_describe_living(),
                 idle ? ", " : "", idle ? idle : "");
    size_t len;
    const char *text = sandbox_read(l->ready, &len);
    char *end;
    long pid = text ? strtol(text, &end, 10) : 0;
    if (text == NULL || pid <= 0 || after_line_end(end) == NULL)
        cr_assert_fail("%sready file %s holds no PID: \"%s\"", current_context(), l->ready,
                 text ? text : "(unreadable)");
    if (case_windows() ? !case_win_info((pid_t)pid, NULL).alive
                       : !obs_alive((pid_t)pid) || !is_descendant((pid_t)pid))
        cr_assert_fail("%sthe daemon %ld named in the ready file is not alive "
                 "among the processes we spawned; living: [%s]",
                 current_context(), pid, case_describe_living());
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

size_t case_living(pid_t *out, size_t max)
{
    dk_reap_exited();
    /* A tracer (trace.h) is dkcheck's, not the subject's: left out, so
     * counted out before max applies. */
    pid_t all[4096];
    size_t n = obs_descendants(getpid(), all, 4096), kept = 0;
    for (size_t i = 0; i < n && kept < max; i++)
        if (!trace_is_tracer(all[i]))
            out[kept++] = all[i];
    return kept;
}

struct only_these {
    const pid_t *keep;
    size_t n_keep;
};

/* pid is an ancestor of a kept process, below us: the parent chain of a
 * daemon is fixed once it is made (an orphan goes to us, the subreaper),
 * so no later launch can put a process of its own there. */
static bool ancestor_of_kept(pid_t pid, const pid_t *keep, size_t n_keep)
{
    for (size_t j = 0; j < n_keep; j++) {
        pid_t p = keep[j];
        for (int depth = 0; depth < 64 && p > 1 && p != getpid(); depth++) {
            obs_stat st;
            if (obs_read_stat(p, &st) < 0)
                break;
            p = st.ppid;
            if (p == pid)
                return true;
        }
    }
    return false;
}

size_t case_living_beside(const pid_t *keep, size_t n_keep, pid_t *out,
                          size_t max)
{
    pid_t living[4096];
    size_t n = case_living(living, 4096), kept = 0;
    for (size_t i = 0; i < n && kept < max; i++)
        if (!ancestor_of_kept(living[i], keep, n_keep))
            out[kept++] = living[i];
    return kept;
}

static bool only_these_in_one_scan(const struct only_these *o)
{
    pid_t living[4096];
    size_t n = case_living_beside(o->keep, o->n_keep, living, 4096);
    for (size_t i = 0; i < n; i++) {
        bool kept = false;
        for (size_t j = 0; j < o->n_keep; j++)
            kept = kept || living[i] == o->keep[j];
        if (!kept)
            return false;
    }
    return true;
}

/* Twice, for the reason ready_or_nobody gives: one scan may miss a process
 * and pass a case that should fail. */
static bool only_these_live(void *arg)
{
    const struct only_these *o = arg;
    return only_these_in_one_scan(o) && only_these_in_one_scan(o);
}

bool case_wait_only(const pid_t *keep, size_t n_keep, double seconds)
{
    struct only_these o = {keep, n_keep};
    return dk_wait_until(only_these_live, &o, dk_deadline_in(seconds));
}

const char *case_describe_living(void)
{
    pid_t living[64];
    size_t n = case_living(living, 64);
    char *s = sandbox_alloc(n * 12 + 1);
    s[0] = '\0';
    for (size_t i = 0; i < n; i++)
        sprintf(s + strlen(s), "%s%d", i ? " " : "", (int)living[i]);
    return s;
}

pid_t case_dead_pid(void)
{
    if (case_windows())
        return case_win_dead_pid();
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    if (pid < 0 || waitpid(pid, NULL, 0) != pid)
        cr_assert_fail("BROKEN: cannot make a dead PID");
    return pid;
}

pid_t case_stranger(void)
{
    if (case_windows())
        return case_win_stranger();
    pid_t p = fork();
    if (p < 0)
        cr_assert_fail("BROKEN: fork: %s", strerror(errno));
    if (p == 0) {
        for (;;)
            pause();
    }
    return p;
}

bool case_alive(pid_t pid)
{
    return case_windows() ? case_win_info(pid, NULL).alive : obs_alive(pid);
}

void case_signal(pid_t pid, int signum)
{
    if (kill(pid, signum) < 0)
        cr_assert_fail("BROKEN: kill(%d, %d): %s", (int)pid, signum,
                 strerror(errno));
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
    char *argv[MAX_ARGS + 1];
    size_t n = subject_command(argv, MAX_ARGS - 5);
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
        cr_assert_fail("BROKEN: fork: %s", strerror(errno));
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
        const char *said = printed(sandbox_path("send.out"),
                                   sandbox_path("send.err"));
        if (why == NULL)
            case_inconclusive(CASE_DEADLINE, "%s'--send %s' to exit (still "
                              "running, not idle)%s", current_context(), sig,
                              said);
        cr_assert_fail("%s'--send %s' still running after %gs: %s%s",
                       current_context(), sig, CASE_DEADLINE, why, said);
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == CASE_ADAPTER_BROKEN) {
        cr_assert_fail("BROKEN: the adapter failed (exit %d) on --send: %s",
                       CASE_ADAPTER_BROKEN,
                       sandbox_quote_first_line(sandbox_path("send.err")));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        case_wine_internal_error(
            sandbox_quote_first_line(sandbox_path("send.err")));
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool case_fd_is(pid_t pid, int fd, const char *path, obs_fd *seen)
{
    obs_fd got;
    if (seen == NULL)
        seen = &got;
    memset(seen, 0, sizeof *seen);
    if (obs_read_fd(pid, fd, seen) < 0)
        return false;
    /* The same object, by device and inode where the observer tells them;
     * else by its path, resolved the same way on both sides. */
    struct stat want;
    if (stat(path, &want) < 0)
        return false;
    if (seen->have_id)
        return seen->dev == (unsigned long long)want.st_dev &&
               seen->ino == (unsigned long long)want.st_ino;
    char a[PATH_MAX], b[PATH_MAX];
    return realpath(seen->target, a) != NULL && realpath(path, b) != NULL &&
           strcmp(a, b) == 0;
}

obs_stat case_stat(pid_t pid)
{
    obs_stat st;
    if (obs_read_stat(pid, &st) < 0)
        cr_assert_fail("%scannot observe process %d: %s", current_context(), (int)pid,
                 strerror(errno));
    return st;
}

obs_status case_status(pid_t pid)
{
    obs_status st;
    if (obs_read_status(pid, &st) < 0)
        cr_assert_fail("%scannot observe process %d: %s", current_context(), (int)pid,
                 strerror(errno));
    return st;
}

static bool pidfile_holds_pid(void *path)
{
    size_t len;
    const char *text = sandbox_read(path, &len);
    char *end;
    return text != NULL && strtol(text, &end, 10) > 0 &&
           after_line_end(end) != NULL;
}

long case_wait_pidfile_pid(const char *path, double seconds)
{
    if (!dk_wait_until(pidfile_holds_pid, (void *)path,
                       dk_deadline_in(seconds)))
        return 0;
    return strtol(sandbox_read(path, NULL), NULL, 10);
}

bool case_wait_gone(pid_t pid, double seconds)
{
    int status;
    bool reaped;
    return dk_wait_gone(pid, &status, &reaped, dk_deadline_in(seconds));
}

/* ---- preconditions ---- */

/* The processes of ours that lived before the precondition's launch. */
static pid_t before_control[64];
static size_t n_before_control;

/* pid, a daemon sent sig, is gone: reaped (Unix: it is our child), or,
 * for a Windows subject, no process of ours is left but those before it;
 * false with *evidence if it stays for a reason verdict.h accepts, and
 * the case inconclusive if only the deadline says so. */
static bool daemon_gone(pid_t pid, int sig, const char **evidence)
{
    return case_windows()
               ? case_count_left(n_before_control, CASE_DEADLINE,
                                 "the precondition's daemon to end", evidence)
               : case_ends(pid, sig, CASE_DEADLINE, "the precondition's "
                           "daemon to end", evidence);
}

void case_context(const char *prefix)
{
    context = prefix;
    context_fn = NULL;
}

void case_context_by(const char *(*prefix)(void *arg), void *arg)
{
    context_fn = prefix;
    context_arg = arg;
}

static bool lived_before_control(pid_t pid)
{
    for (size_t i = 0; i < n_before_control; i++)
        if (before_control[i] == pid)
            return true;
    return false;
}

/* Once the precondition's daemon is gone, what else its launch left (a
 * supervisor still tidying up, as libslack's daemon(1) removes its client
 * PID file a moment after its client died) is ended too, so that nothing
 * of it changes the sandbox while the case compares listings. */
static void end_control_launch(void)
{
    if (case_windows())
        return; /* the Windows count already waited for all of it */
    pid_t living[64];
    size_t n = case_living(living, 64);
    for (size_t i = 0; i < n; i++)
        if (!lived_before_control(living[i]))
            kill(living[i], SIGKILL);
    if (!case_wait_living(n_before_control, CASE_DEADLINE))
        case_broken("what the precondition's launch left outlived SIGKILL");
}

/* The precondition's daemon, with SANDBOX/control.pid; what lived before it
 * is kept in before_control. */
static launch *control_daemon(const char *why)
{
    static const launch_spec control = {.pidfile = "control.pid"};
    n_before_control = case_living(before_control, 64);
    launch *l = case_start(&control);
    case_context(why);
    case_daemon(l);
    case_context("");
    return l;
}

pid_t case_precondition_daemon(void)
{
    launch *l = control_daemon("cannot judge (precondition: a daemon started "
                               "with a plain PID file): ");
    pid_t pid = l->daemon;
    if (access(l->pidfile, F_OK) != 0)
        cr_assert_fail("cannot judge (precondition): the subject's daemon "
                       "%d created no PID file %s", (int)pid, l->pidfile);
    /* Out of the way of what the case counts: gone (a Windows daemon's
     * sentinel ends with it), its file left as is. */
    if (case_windows())
        case_win_terminate(pid, 9);
    else
        case_signal(pid, SIGKILL);
    const char *why = NULL;
    if (!daemon_gone(pid, SIGKILL, &why))
        case_broken("the precondition's daemon %d outlived %s: %s", (int)pid,
                    case_windows() ? "TerminateProcess" : "SIGKILL", why);
    end_control_launch();
    return pid;
}

void case_precondition_send(void)
{
    launch *l = control_daemon("cannot judge (precondition: a daemon started "
                               "with a plain PID file, for --send): ");
    pid_t pid = l->daemon;
    int code = case_send("TERM", l->pidfile);
    if (code != 0)
        cr_assert_fail("cannot judge (precondition): '--send TERM' to the "
                       "running daemon %d exited %d: \"%s\"", (int)pid,
                       code, sandbox_quote_first_line(sandbox_path("send.err")));
    const char *why = NULL;
    if (!daemon_gone(pid, SIGTERM, &why))
        cr_assert_fail("cannot judge (precondition): '--send TERM' exited 0 "
                       "but daemon %d is still alive %gs later: %s", (int)pid,
                       CASE_DEADLINE, why);
    end_control_launch();
    unlink(l->pidfile); /* a PID file the cleanup missed is not this case's */
}

/* ---- counting and reading ---- */

size_t case_count_living(void)
{
    pid_t living[4096];
    return case_living(living, 4096);
}

struct living_count {
    size_t n;
};

/* Twice, for the reason ready_or_nobody gives. */
static bool living_is(void *arg)
{
    const struct living_count *c = arg;
    return case_count_living() == c->n && case_count_living() == c->n;
}

bool case_wait_living(size_t n, double seconds)
{
    struct living_count c = {n};
    return dk_wait_until(living_is, &c, dk_deadline_in(seconds));
}

pid_t case_pidfile_pid(const char *path)
{
    const char *text = sandbox_read(path, NULL);
    char *end;
    long pid = text ? strtol(text, &end, 10) : 0;
    const char *rest = text && pid > 0 ? after_line_end(end) : NULL;
    return rest != NULL && *rest == '\0' ? (pid_t)pid : 0;
}
