/* case_win.c: a Windows case's sandbox, the launch of the subject under
 * Wine, and its teardown. See case_win.h. */
#include "case_win.h"

#include "observe.h"
#include "sandbox.h"
#include "spawn_os.h"
#include "teardown.h"
#include "wait.h"
#include "wine_session.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 64
#define MAX_LAUNCHES 16

static struct {
    win_launch launches[MAX_LAUNCHES];
    size_t n_launches;
} the_case;

/* What a failure of these helpers is about: nothing for the case's own
 * launches, "cannot judge (precondition ...): " while a precondition runs
 * (as case.c does; the step is the case's suite). */
static const char *context = "";

void win_case_init(void)
{
    const char *platform = getenv("DKCHECK_PLATFORM");
    if (platform == NULL || strcmp(platform, "windows") != 0)
        cr_skip_test("n/a: a Windows case; the subject is not a Windows program");
    const char *missing = getenv("DKCHECK_WINE_MISSING");
    if (missing != NULL)
        cr_skip_test("a Windows case, and Wine cannot run it here: %s", missing);
    sandbox_open();
}

void win_case_fini(void)
{
    the_case.n_launches = 0;
    sandbox_close();
}

const char *win_case_winpath(const char *name)
{
    char *out = sandbox_alloc(PATH_MAX);
    win_path_of(sandbox_path(name), out, PATH_MAX);
    return out;
}

static char **launcher_argv(const win_launch *l, const win_spec *s)
{
    char **argv = sandbox_alloc(sizeof(char *) * (MAX_ARGS + 1));
    size_t n = 0;
    argv[n++] = "wine";
    n += sandbox_command(argv + n, MAX_ARGS - 20);
#define ARG(flag, value)                                                       \
    do {                                                                       \
        if (value) {                                                           \
            argv[n++] = flag;                                                  \
            argv[n++] = (char *)(value);                                       \
        }                                                                      \
    } while (0)
    ARG("--pidfile", l->pidfile_win);
    ARG("--ready", win_case_winpath(l->ready));
    ARG("--chdir", s->chdir ? win_case_winpath(s->chdir) : NULL);
    ARG("--stdin", s->stdin_path ? win_case_winpath(s->stdin_path) : NULL);
    ARG("--stdout", s->stdout_path ? win_case_winpath(s->stdout_path) : NULL);
    ARG("--stderr", s->stderr_path ? win_case_winpath(s->stderr_path) : NULL);
    for (size_t i = 0; i < s->n_on && i < 3; i++)
        ARG("--on", s->on[i]);
#undef ARG
    argv[n] = NULL;
    return argv;
}

/* Start one launcher; with barrier (a pipe) it execs only once barrier's
 * write end is closed everywhere (win_case_start_all). */
static win_launch *start_one(const win_spec *spec, const int barrier[2])
{
    static const win_spec none;
    const win_spec *s = spec ? spec : &none;
    if (the_case.n_launches == MAX_LAUNCHES)
        cr_assert_fail("BROKEN: more than %d launches in one case", MAX_LAUNCHES);
    size_t k = the_case.n_launches++;
    win_launch *l = &the_case.launches[k];
    memset(l, 0, sizeof *l);
    snprintf(l->pidfile, sizeof l->pidfile, "%s",
             sandbox_path(s->pidfile ? s->pidfile : "daemon.pid"));
    win_path_of(l->pidfile, l->pidfile_win, sizeof l->pidfile_win);
    snprintf(l->ready, sizeof l->ready, "%s",
             sandbox_path(s->ready ? s->ready
                          : k == 0 ? "ready" : sandbox_printf("ready.%zu", k)));
    snprintf(l->out, sizeof l->out, "%s", sandbox_path(sandbox_printf("launcher-%zu.out", k)));
    snprintf(l->err, sizeof l->err, "%s", sandbox_path(sandbox_printf("launcher-%zu.err", k)));
    char **argv = launcher_argv(l, s);
    const char *dir = sandbox_path("launch");

    /* Bounded logs, never our output (sandbox_capture). */
    int out = sandbox_capture(l->out), err = sandbox_capture(l->err);
    pid_t pid = fork();
    if (pid < 0)
        cr_assert_fail("BROKEN: fork: %s", strerror(errno));
    if (pid == 0) {
        if (barrier != NULL) {
            char c;
            close(barrier[1]); /* or our own copy would keep EOF away */
            while (read(barrier[0], &c, 1) < 0 && errno == EINTR)
                ;
        }
        /* Whatever the worker had open (Criterion's pipes) must not leak in. */
        spawn_cloexec_from(3);
        int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (in < 0 || chdir(dir) < 0)
            _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        execvp(argv[0], argv);
        dprintf(2, "dkcheck: BROKEN: cannot run wine: %s\n", strerror(errno));
        _exit(126);
    }
    close(out);
    close(err);
    l->launcher = pid;
    return l;
}

win_launch *win_case_start(const win_spec *spec)
{
    return start_one(spec, NULL);
}

void win_case_start_all(const win_spec *spec, size_t k, win_launch **out)
{
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        cr_assert_fail("BROKEN: pipe: %s", strerror(errno));
    for (size_t i = 0; i < k; i++)
        out[i] = start_one(spec, p);
    close(p[0]);
    close(p[1]); /* EOF: every launcher execs now */
}

int win_case_wait_launcher(win_launch *l)
{
    if (!l->exited) {
        if (dk_wait_child(l->launcher, &l->status, dk_deadline_in(WIN_DEADLINE)) < 0)
            cr_assert_fail("%slauncher still running after %gs (expected it "
                           "to exit once the daemon acknowledged)", context,
                           WIN_DEADLINE);
        l->exited = true;
    }
    if (WIFEXITED(l->status) && WEXITSTATUS(l->status) == 126 &&
        strncmp(win_case_launcher_error(l), "dkcheck: BROKEN", 15) == 0)
        cr_assert_fail("%s", win_case_launcher_error(l));
    return WIFEXITED(l->status) ? WEXITSTATUS(l->status) : 128 + WTERMSIG(l->status);
}

const char *win_case_launcher_error(win_launch *l)
{
    const char *text = sandbox_read(l->err, NULL);
    if (text == NULL)
        return "";
    return sandbox_printf("%.*s", (int)strcspn(text, "\r\n"), text);
}

win_pid win_case_daemon(win_launch *l)
{
    int code = win_case_wait_launcher(l);
    if (code != 0)
        cr_assert_fail("%sexpected the launcher to exit 0 with a daemon "
                       "running; it exited %d: \"%s\"", context, code,
                       win_case_launcher_error(l));
    if (!dk_wait_file(l->ready, dk_deadline_in(WIN_DEADLINE)))
        cr_assert_fail("%slauncher exited 0 but no daemon wrote %s within %gs",
                       context, l->ready, WIN_DEADLINE);
    const char *text = sandbox_read(l->ready, NULL);
    char *end;
    unsigned long pid = text ? strtoul(text, &end, 10) : 0;
    if (text == NULL || pid == 0 || *end != '\n')
        cr_assert_fail("%sready file %s holds no PID: \"%s\"", context,
                       l->ready, text ? text : "(unreadable)");
    win_info in = win_case_info(pid, NULL);
    if (!in.alive)
        cr_assert_fail("%sthe daemon %lu named in the ready file is not alive",
                       context, pid);
    l->daemon = pid;
    return pid;
}

win_pid win_case_run(const win_spec *spec, win_launch **out)
{
    win_launch *l = win_case_start(spec);
    if (out)
        *out = l;
    return win_case_daemon(l);
}

win_pid win_case_pidfile_pid(const char *path)
{
    const char *text = sandbox_read(path, NULL);
    char *end;
    unsigned long pid = text ? strtoul(text, &end, 10) : 0;
    return text && pid > 0 && *end == '\n' && end[1] == '\0' ? pid : 0;
}

win_info win_case_info(win_pid pid, const char *var)
{
    win_info in;
    char why[512];
    if (win_read(pid, var, &in, why, sizeof why) < 0)
        cr_assert_fail("BROKEN: %s", why);
    return in;
}

const win_proc *win_case_snapshot(size_t *n)
{
    enum { MAX = 2048 };
    win_proc *procs = sandbox_alloc(sizeof *procs * MAX);
    char why[512];
    long got = win_snapshot(procs, MAX, why, sizeof why);
    if (got < 0)
        cr_assert_fail("BROKEN: %s", why);
    *n = (size_t)got < MAX ? (size_t)got : MAX;
    return procs;
}

win_pid win_case_signal(win_pid pid, unsigned code, win_launch *l)
{
    return win_signal(pid, code, l->pidfile_win, WIN_DEADLINE, NULL);
}

void win_case_terminate(win_pid pid, unsigned code)
{
    char why[512];
    if (win_terminate(pid, code, why, sizeof why) < 0)
        cr_assert_fail("BROKEN: TerminateProcess(%lu, %u): %s", pid, code, why);
}

size_t win_case_living(void)
{
    pid_t living[256];
    dk_reap_exited();
    return obs_descendants(getpid(), living, 256);
}

static bool none_living(void *arg)
{
    (void)arg;
    return win_case_living() == 0;
}

bool win_case_wait_none_living(double seconds)
{
    return dk_wait_until(none_living, NULL, dk_deadline_in(seconds));
}

int win_case_send(const char *sig, win_launch *l)
{
    return win_case_send_to(sig, l->pidfile_win);
}

int win_case_send_to(const char *sig, const char *pidfile_win)
{
    char *argv[MAX_ARGS + 1];
    size_t n = 0;
    argv[n++] = "wine";
    n += sandbox_command(argv + n, MAX_ARGS - 6);
    argv[n++] = "--send";
    argv[n++] = (char *)sig;
    argv[n++] = "--pidfile";
    argv[n++] = (char *)pidfile_win;
    argv[n] = NULL;
    int out = sandbox_capture(sandbox_path("send.out"));
    int err = sandbox_capture(sandbox_path("send.err"));
    pid_t pid = fork();
    if (pid < 0)
        cr_assert_fail("BROKEN: fork: %s", strerror(errno));
    if (pid == 0) {
        spawn_cloexec_from(3);
        int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (in < 0)
            _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(out);
    close(err);
    int status;
    if (dk_wait_child(pid, &status, dk_deadline_in(WIN_DEADLINE)) < 0)
        cr_assert_fail("%s'--send %s' still running after %gs", context, sig,
                       WIN_DEADLINE);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* ---- for the hardening cases ---- */

struct living_count {
    size_t n;
};

/* Twice, as case.c's scans: one may miss a process whose parent exits
 * during it. */
static bool living_is(void *arg)
{
    const struct living_count *c = arg;
    return win_case_living() == c->n && win_case_living() == c->n;
}

bool win_case_wait_living(size_t n, double seconds)
{
    struct living_count c = {n};
    return dk_wait_until(living_is, &c, dk_deadline_in(seconds));
}

/* The precondition's daemon, with SANDBOX/control.pid; *others gets how
 * many processes of ours lived before it. */
static win_launch *control_daemon(const char *why, size_t *others)
{
    static const win_spec control = {.pidfile = "control.pid"};
    *others = win_case_living();
    context = why;
    win_launch *l = win_case_start(&control);
    win_case_daemon(l);
    return l;
}

win_pid win_case_precondition_daemon(void)
{
    size_t others;
    win_launch *l = control_daemon("cannot judge (precondition: a daemon "
                                   "started with a plain PID file): ", &others);
    context = "";
    if (access(l->pidfile, F_OK) != 0)
        cr_assert_fail("cannot judge (precondition): the subject's daemon %lu "
                       "created no PID file %s", l->daemon, l->pidfile);
    /* Out of the way of what the case counts: gone (its sentinel ends with
     * it), its PID file left as is. */
    win_case_terminate(l->daemon, 9);
    if (!win_case_wait_living(others, WIN_DEADLINE))
        cr_assert_fail("BROKEN: the precondition's daemon %lu outlived "
                       "TerminateProcess", l->daemon);
    return l->daemon;
}

void win_case_precondition_send(void)
{
    size_t others;
    win_launch *l = control_daemon("cannot judge (precondition: a daemon "
                                   "started with a plain PID file, for "
                                   "--send): ", &others);
    int code = win_case_send("TERM", l);
    context = "";
    if (code != 0)
        cr_assert_fail("cannot judge (precondition): '--send TERM' to the "
                       "running daemon %lu exited %d: \"%s\"", l->daemon, code,
                       sandbox_quote_first_line(sandbox_path("send.err")));
    if (!win_case_wait_living(others, WIN_DEADLINE))
        cr_assert_fail("cannot judge (precondition): '--send TERM' exited 0 "
                       "but daemon %lu is still alive %gs later", l->daemon,
                       WIN_DEADLINE);
    unlink(l->pidfile); /* a PID file the cleanup missed is not this case's */
}

win_pid win_case_stranger(void)
{
    /* dkprobe idle: a Windows process that is no daemon of anyone's; it
     * says its PID and sleeps until the teardown ends it. */
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0)
        cr_assert_fail("BROKEN: pipe: %s", strerror(errno));
    pid_t pid = fork();
    if (pid < 0)
        cr_assert_fail("BROKEN: fork: %s", strerror(errno));
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR | O_CLOEXEC);
        if (null < 0 || dup2(null, 0) < 0 || dup2(p[1], 1) < 0 ||
            dup2(null, 2) < 0)
            _exit(126);
        execlp("wine", "wine", dk_wine_probe(), "idle", (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    char line[64] = "";
    size_t len = 0;
    dk_deadline d = dk_deadline_in(WIN_DEADLINE);
    while (len + 1 < sizeof line && memchr(line, '\n', len) == NULL) {
        struct pollfd pf = {.fd = p[0], .events = POLLIN};
        if (poll(&pf, 1, dk_deadline_left_ms(d)) <= 0)
            break;
        ssize_t r = read(p[0], line + len, sizeof line - 1 - len);
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    close(p[0]);
    line[len] = '\0';
    unsigned long stranger;
    if (sscanf(line, "pid %lu", &stranger) != 1)
        cr_assert_fail("BROKEN: dkprobe idle said \"%s\", no PID", line);
    return stranger;
}

win_pid win_case_dead_pid(void)
{
    /* Wine numbers processes by fours, from low; a PID no process holds
     * (the probe says so) is a dead one for the case's few seconds. */
    for (win_pid pid = 0x7ff0; pid < 0x8000; pid += 4)
        if (!win_case_info(pid, NULL).found)
            return pid;
    cr_assert_fail("BROKEN: no free Windows PID found for a stale PID file");
    return 0;
}

const char *win_case_temp_states(void)
{
    const char *temp = getenv("DKCHECK_WIN_TEMP");
    DIR *d = temp ? opendir(temp) : NULL;
    char *list = sandbox_alloc(1);
    list[0] = '\0';
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        if (strncmp(e->d_name, "dkstate-", 8) == 0)
            list = sandbox_printf("%s%s ", list, e->d_name);
    if (d)
        closedir(d);
    return list;
}

/* Every name of now is in before. */
static bool no_new_state(void *arg)
{
    const char *before = arg;
    char *now = (char *)win_case_temp_states();
    for (char *name = strtok(now, " "); name; name = strtok(NULL, " "))
        if (strstr(before, sandbox_printf("%s ", name)) == NULL)
            return false;
    return true;
}

const char *win_case_new_temp_states(const char *before)
{
    /* Another case's launch may hold a state file for an instant: only
     * one that stays is left behind. */
    if (dk_wait_until(no_new_state, (void *)before, dk_deadline_in(WIN_DEADLINE)))
        return NULL;
    return win_case_temp_states();
}
