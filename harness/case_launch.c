/* case_launch.c: launching the subject the way CONTRACT.md §2 says (its
 * command line, through the run's host.h), waiting for the launcher, and
 * finding the daemon it left; --send the same way. What starts and waits
 * for a process is the OS's (case_launch_os.h); the rest, and every
 * verdict on what a launch did, is here, once for every OS. */
#include "case_launch_os.h"

#include "host.h"
#include "sandbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_LAUNCHES 64

static struct {
    launch launches[MAX_LAUNCHES];
    size_t n_launches;
} the_launches;

void case_launches_end(void)
{
    for (size_t i = 0; i < the_launches.n_launches; i++)
        case_launch_os_forget(&the_launches.launches[i], i);
    the_launches.n_launches = 0;
}

size_t case_subject_command(char **argv, size_t max)
{
    size_t n = host()->command(argv, max);
    return n + sandbox_command(argv + n, max - n);
}

const char *case_subject_path(const char *path)
{
    return path ? host()->path(path) : path;
}

char **case_launcher_argv(const launch *l, const launch_spec *s)
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
    ARG("--ready", case_subject_path(l->ready));
    ARG("--chdir", case_subject_path(s->chdir));
    ARG("--umask", s->umask);
    ARG("--stdin", case_subject_path(s->stdin_path));
    ARG("--stdout", case_subject_path(s->stdout_path));
    ARG("--stderr", case_subject_path(s->stderr_path));
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

launch *case_launch_new(const launch_spec *s, size_t *index)
{
    if (the_launches.n_launches == MAX_LAUNCHES)
        case_broken("more than %d launches in one case", MAX_LAUNCHES);
    size_t k = the_launches.n_launches++;
    launch *l = &the_launches.launches[k];
    memset(l, 0, sizeof *l);
    l->pty_master = -1;
    snprintf(l->pidfile, sizeof l->pidfile, "%s",
             s->pidfile ? sandbox_path(s->pidfile) : sandbox_path("daemon.pid"));
    snprintf(l->pidfile_subject, sizeof l->pidfile_subject, "%s",
             case_subject_path(l->pidfile));
    snprintf(l->ready, sizeof l->ready, "%s", s->ready ? s->ready : ready_path(k));
    snprintf(l->out, sizeof l->out, "%s",
             sandbox_path(sandbox_printf("launcher-%zu.out", k)));
    snprintf(l->err, sizeof l->err, "%s",
             sandbox_path(sandbox_printf("launcher-%zu.err", k)));
    *index = k;
    return l;
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
        if (!case_launch_os_wait(l, (size_t)(l - the_launches.launches),
                                 dk_deadline_in(CASE_DEADLINE))) {
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
    bool exited;
    int code = case_launch_os_code(l->status, &exited);
    if (exited && code == CASE_SETUP_FAILED &&
        strncmp(case_launcher_error(l), CASE_SETUP_FAILED_LINE,
                strlen(CASE_SETUP_FAILED_LINE)) == 0)
        case_broken("the launcher's set-up failed: %s",
                    case_launcher_error(l));
    if (exited && code == CASE_ADAPTER_BROKEN)
        case_broken("the adapter failed (exit %d): %s",
                       CASE_ADAPTER_BROKEN, case_launcher_error(l));
    if (code != 0)
        host()->own_failure(case_launcher_error(l));
    return code;
}

const char *case_launcher_error(launch *l)
{
    return sandbox_quote_first_line(l->err);
}

/* The ready file is there, or nobody is left alive to write it. A scan
 * of the process table is no snapshot: a daemon whose parent exits during
 * the scan can be missed once (it still names that parent, no longer
 * listed), so "nobody" must hold on a second scan, by when it names us. */
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
                       (int)strcspn(why, "\r\n"), why);
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

int case_send(const char *sig, const char *pidfile)
{
    char *argv[CASE_MAX_ARGS + 1];
    size_t n = case_subject_command(argv, CASE_MAX_ARGS - 5);
    argv[n++] = "--send";
    argv[n++] = (char *)sig;
    argv[n++] = "--pidfile";
    argv[n++] = (char *)case_subject_path(pidfile);
    argv[n] = NULL;
    /* Its output, like the launcher's, goes to bounded logs: never ours. */
    int out = sandbox_capture(sandbox_path("send.out"));
    int err = sandbox_capture(sandbox_path("send.err"));
    pid_t pid;
    int status;
    if (!case_send_os_run(argv, out, err, &pid, &status,
                          dk_deadline_in(CASE_DEADLINE))) {
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
    bool exited;
    int code = case_launch_os_code(status, &exited);
    if (exited && code == CASE_ADAPTER_BROKEN) {
        case_broken("the adapter failed (exit %d) on --send: %s",
                       CASE_ADAPTER_BROKEN,
                       sandbox_quote_first_line(sandbox_path("send.err")));
    }
    if (code != 0)
        host()->own_failure(sandbox_quote_first_line(sandbox_path("send.err")));
    return code;
}
