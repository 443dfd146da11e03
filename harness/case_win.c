/* case_win.c: a Windows case's sandbox, the launch of the subject under
 * Wine, and its teardown. See case_win.h. */
#include "case_win.h"

#include "observe.h"
#include "sandbox.h"
#include "teardown.h"
#include "wait.h"
#include "wine_session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ARGS 64
#define MAX_LAUNCHES 8

static struct {
    win_launch launches[MAX_LAUNCHES];
    size_t n_launches;
} the_case;

void win_case_init(void)
{
    const char *platform = getenv("DKCHECK_PLATFORM");
    if (platform == NULL || strcmp(platform, "windows") != 0)
        cr_skip_test("a Windows step; the subject is not a Windows program");
    const char *missing = getenv("DKCHECK_WINE_MISSING");
    if (missing != NULL)
        cr_skip_test("a Windows and Wine cannot run it here: %s", missing);
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

win_launch *win_case_start(const win_spec *spec)
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
             sandbox_path(k == 0 ? "ready" : sandbox_printf("ready.%zu", k)));
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
        /* Whatever the worker had open (Criterion's pipes) must not leak in. */
        syscall(SYS_close_range, 3u, ~0u, 4u /* CLOSE_RANGE_CLOEXEC */);
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

int win_case_wait_launcher(win_launch *l)
{
    if (!l->exited) {
        if (dk_wait_child(l->launcher, &l->status, dk_deadline_in(WIN_DEADLINE)) < 0)
            cr_assert_fail("launcher still running after %gs (expected it to "
                           "exit once the daemon acknowledged)", WIN_DEADLINE);
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
        cr_assert_fail("expected the launcher to exit 0 with a daemon running; "
                       "it exited %d: \"%s\"", code, win_case_launcher_error(l));
    if (!dk_wait_file(l->ready, dk_deadline_in(WIN_DEADLINE)))
        cr_assert_fail("launcher exited 0 but no daemon wrote %s within %gs",
                       l->ready, WIN_DEADLINE);
    const char *text = sandbox_read(l->ready, NULL);
    char *end;
    unsigned long pid = text ? strtoul(text, &end, 10) : 0;
    if (text == NULL || pid == 0 || *end != '\n')
        cr_assert_fail("ready file %s holds no PID: \"%s\"", l->ready,
                       text ? text : "(unreadable)");
    win_info in = win_case_info(pid, NULL);
    if (!in.alive)
        cr_assert_fail("the daemon %lu named in the ready file is not alive",
                       pid);
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
    char *argv[MAX_ARGS + 1];
    size_t n = 0;
    argv[n++] = "wine";
    n += sandbox_command(argv + n, MAX_ARGS - 6);
    argv[n++] = "--send";
    argv[n++] = (char *)sig;
    argv[n++] = "--pidfile";
    argv[n++] = l->pidfile_win;
    argv[n] = NULL;
    /* Both into one bounded log, as before: send.err. */
    int fd = sandbox_capture(sandbox_path("send.err"));
    pid_t pid = fork();
    if (pid < 0)
        cr_assert_fail("BROKEN: fork: %s", strerror(errno));
    if (pid == 0) {
        syscall(SYS_close_range, 3u, ~0u, 4u /* CLOSE_RANGE_CLOEXEC */);
        int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (in < 0)
            _exit(126);
        dup2(in, 0);
        dup2(fd, 1);
        dup2(fd, 2);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fd);
    int status;
    if (dk_wait_child(pid, &status, dk_deadline_in(WIN_DEADLINE)) < 0)
        cr_assert_fail("'--send %s' still running after %gs", sig,
                       WIN_DEADLINE);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
