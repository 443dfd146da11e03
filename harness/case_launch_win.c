/* case_launch_win.c: case.h's launches for the native dkcheck.exe: the
 * contract's command line (the same words as case_launch.c's) run with
 * CreateProcessW, suspended until it is in the case's Job object
 * (job_win.c), its stdout and stderr in the sandbox's logs, its cwd
 * SANDBOX\launch, its stdin NUL; waited for on its process handle.
 *
 * What case_launch.c gives and this does not (yet), and why: no
 * careless parent (a Windows launcher inherits no terminal, fds or
 * signal dispositions: host_win32.c says careless_parent false, as
 * host_wine.c does); no tracer and no held calls (trace.h and
 * hold_unseen.h are Linux's): case_start_all_traced and _unseen end the
 * case BROKEN; no raised descriptor limit (H7), notify socket or FIFO
 * (N1, N2), users or groups (P1): their cases are not compiled in. */
#include "case_private.h"

#include "host.h"
#include "native_win.h"
#include "sandbox.h"

#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGS CASE_MAX_ARGS
#define MAX_LAUNCHES 64

static struct {
    launch launches[MAX_LAUNCHES];
    HANDLE process[MAX_LAUNCHES];
    size_t n_launches;
} the_launches;

void case_launches_end(void)
{
    for (size_t i = 0; i < the_launches.n_launches; i++)
        if (the_launches.process[i] != NULL)
            CloseHandle(the_launches.process[i]);
    the_launches.n_launches = 0;
}

size_t case_subject_command(char **argv, size_t max)
{
    size_t n = host()->command(argv, max);
    return n + sandbox_command(argv + n, max - n);
}

static const char *subject_path(const char *path)
{
    return path ? host()->path(path) : path;
}

/* word onto out as CommandLineToArgvW and the C runtime read it back:
 * quoted when it holds a blank or a quote, each quote escaped, and the
 * backslashes before a quote (or the closing one) doubled. */
static char *quote_onto(char *out, const char *word)
{
    if (word[0] != '\0' && strpbrk(word, " \t\"") == NULL)
        return out + sprintf(out, "%s", word);
    *out++ = '"';
    for (const char *p = word;; p++) {
        size_t slashes = 0;
        while (*p == '\\')
            p++, slashes++;
        bool before_quote = *p == '"' || *p == '\0';
        for (size_t i = 0; i < (before_quote ? 2 * slashes : slashes); i++)
            *out++ = '\\';
        if (*p == '\0')
            break;
        if (*p == '"')
            *out++ = '\\';
        *out++ = *p;
    }
    *out++ = '"';
    *out = '\0';
    return out;
}

static char *command_line(char **argv)
{
    size_t size = 1;
    for (size_t i = 0; argv[i]; i++)
        size += 3 * strlen(argv[i]) + 3;
    char *line = sandbox_alloc(size), *at = line;
    for (size_t i = 0; argv[i]; i++) {
        if (i > 0)
            *at++ = ' ';
        at = quote_onto(at, argv[i]);
    }
    *at = '\0';
    return line;
}

/* Start argv suspended, in the case's job, with the three handles as its
 * standard ones; the process's handle and its main thread's. */
static void spawn(char **argv, HANDLE in, HANDLE out, HANDLE err,
                  PROCESS_INFORMATION *pi)
{
    static wchar_t line[32768], cwd[MAX_PATH];
    char why[256];
    HANDLE job = dk_case_job(why, sizeof why);
    if (job == NULL)
        case_broken("%s", why);
    if (MultiByteToWideChar(CP_UTF8, 0, command_line(argv), -1, line, 32768) == 0)
        case_broken("the subject's command line is too long");
    /* Only these three handles are inherited, not every inheritable one
     * of the worker (Criterion's own among them): what case_inherit.c's
     * closing of descriptors does on Unix. */
    HANDLE std[3] = {in, out, err};
    static unsigned char room[256];
    SIZE_T size = sizeof room;
    LPPROC_THREAD_ATTRIBUTE_LIST list = (LPPROC_THREAD_ATTRIBUTE_LIST)room;
    if (!InitializeProcThreadAttributeList(list, 1, 0, &size) ||
        !UpdateProcThreadAttribute(list, 0, PROC_THREAD_ATTRIBUTE_HANDLE_LIST,
                                   std, sizeof std, NULL, NULL))
        case_broken("cannot list the handles a launch inherits: Windows error %lu",
                    (unsigned long)GetLastError());
    STARTUPINFOEXW si = {.StartupInfo = {.cb = sizeof si,
                                         .dwFlags = STARTF_USESTDHANDLES,
                                         .hStdInput = in, .hStdOutput = out,
                                         .hStdError = err},
                         .lpAttributeList = list};
    BOOL made = CreateProcessW(NULL, line, NULL, NULL, TRUE,
                               CREATE_SUSPENDED | EXTENDED_STARTUPINFO_PRESENT,
                               NULL, dk_wide(sandbox_path("launch"), cwd, MAX_PATH),
                               &si.StartupInfo, pi);
    DWORD e = GetLastError();
    DeleteProcThreadAttributeList(list);
    if (!made)
        case_broken("CreateProcess(%s): Windows error %lu", argv[0],
                    (unsigned long)e);
    /* In the job before its first instruction: nothing it starts can
     * escape the teardown. */
    if (!AssignProcessToJobObject(job, pi->hProcess)) {
        DWORD e = GetLastError();
        TerminateProcess(pi->hProcess, 9);
        CloseHandle(pi->hThread);
        CloseHandle(pi->hProcess);
        case_broken("AssignProcessToJobObject: Windows error %lu", (unsigned long)e);
    }
}

static HANDLE null_input(void)
{
    SECURITY_ATTRIBUTES inherit = {sizeof inherit, NULL, TRUE};
    HANDLE h = CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE,
                           &inherit, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        case_broken("cannot open NUL: Windows error %lu", (unsigned long)GetLastError());
    return h;
}

static char **launcher_argv(const launch *l, const launch_spec *s)
{
    char **argv = sandbox_alloc(sizeof(char *) * (MAX_ARGS + 1));
    size_t n = case_subject_command(argv, MAX_ARGS - 20);
#define ARG(flag, value)                                                       \
    do {                                                                       \
        if (value) {                                                           \
            argv[n++] = flag;                                                  \
            argv[n++] = (char *)(value);                                       \
        }                                                                      \
    } while (0)
    ARG("--pidfile", l->pidfile_subject);
    ARG("--ready", subject_path(l->ready));
    ARG("--chdir", subject_path(s->chdir));
    ARG("--umask", s->umask);
    ARG("--stdin", subject_path(s->stdin_path));
    ARG("--stdout", subject_path(s->stdout_path));
    ARG("--stderr", subject_path(s->stderr_path));
    for (size_t i = 0; i < s->n_on && i < 3; i++)
        ARG("--on", s->on[i]);
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

/* A launch made and started, still suspended: its main thread. */
static HANDLE start_suspended(const launch_spec *spec)
{
    static const launch_spec none;
    const launch_spec *s = spec ? spec : &none;
    if (s->n_shield || s->raise_nofile || s->notify_socket || s->notify_fifo ||
        s->user || s->group || s->closed_stdio || s->terminal_outlives_launcher)
        case_broken("this launch needs what the native dkcheck.exe cannot "
                    "give yet (shields, limits, notify, users, closed stdio, "
                    "a terminal)");
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
    int out = sandbox_capture(l->out), err = sandbox_capture(l->err);
    HANDLE in = null_input();
    PROCESS_INFORMATION pi;
    spawn(launcher_argv(l, s), in, (HANDLE)_get_osfhandle(out),
          (HANDLE)_get_osfhandle(err), &pi);
    CloseHandle(in); /* the launcher holds them now */
    _close(out);
    _close(err);
    l->launcher = (pid_t)pi.dwProcessId;
    the_launches.process[k] = pi.hProcess;
    return pi.hThread;
}

static void resume(HANDLE thread)
{
    DWORD r = ResumeThread(thread);
    CloseHandle(thread);
    if (r == (DWORD)-1)
        case_broken("ResumeThread: Windows error %lu", (unsigned long)GetLastError());
}

launch *case_start(const launch_spec *spec)
{
    resume(start_suspended(spec));
    return &the_launches.launches[the_launches.n_launches - 1];
}

/* All made suspended first, then resumed together: the barrier
 * case_launch.c makes with a pipe between fork and exec. */
void case_start_all(const launch_spec *spec, size_t k, launch **out)
{
    HANDLE threads[MAX_LAUNCHES];
    if (k > MAX_LAUNCHES)
        case_broken("more than %d launches in one case", MAX_LAUNCHES);
    for (size_t i = 0; i < k; i++) {
        threads[i] = start_suspended(spec);
        out[i] = &the_launches.launches[the_launches.n_launches - 1];
    }
    for (size_t i = 0; i < k; i++)
        resume(threads[i]);
}

void case_start_all_traced(const launch_spec *spec, size_t k, launch **out,
                           struct trace_session *trace)
{
    (void)spec, (void)k, (void)out, (void)trace;
    case_broken("no tracer in the native dkcheck.exe");
}

void case_start_all_unseen(const launch_spec *spec, size_t k, launch **out)
{
    (void)spec, (void)k, (void)out;
    case_broken("no held system calls in the native dkcheck.exe");
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

static HANDLE process_of(const launch *l)
{
    return the_launches.process[l - the_launches.launches];
}

int case_wait_launcher(launch *l)
{
    if (!l->exited) {
        HANDLE h = process_of(l);
        DWORD code;
        if (WaitForSingleObject(h, (DWORD)dk_deadline_left_ms(
                                       dk_deadline_in(CASE_DEADLINE))) != WAIT_OBJECT_0) {
            const char *why = case_outlived(l->launcher, 0);
            if (why == NULL)
                case_inconclusive(CASE_DEADLINE, "%sthe launcher %d's exit "
                                  "(still running, not idle)%s",
                                  case_current_context(), (int)l->launcher,
                                  case_printed(l->out, l->err));
            cr_assert_fail("%slauncher %d still running after %gs (expected it "
                           "to exit once daemonization is done): %s%s",
                           case_current_context(), (int)l->launcher,
                           CASE_DEADLINE, why, case_printed(l->out, l->err));
        }
        if (!GetExitCodeProcess(h, &code))
            case_broken("GetExitCodeProcess: Windows error %lu",
                        (unsigned long)GetLastError());
        l->status = (int)code;
        l->exited = true;
    }
    if (l->status == CASE_ADAPTER_BROKEN)
        case_broken("the adapter failed (exit %d): %s", CASE_ADAPTER_BROKEN,
                    case_launcher_error(l));
    if (l->status != 0)
        host()->own_failure(case_launcher_error(l));
    return l->status;
}

const char *case_launcher_error(launch *l)
{
    return sandbox_quote_first_line(l->err);
}

static bool exists(const char *path)
{
    wchar_t w[MAX_PATH];
    return GetFileAttributesW(dk_wide(path, w, MAX_PATH)) != INVALID_FILE_ATTRIBUTES;
}

/* The ready file is there, or nobody is left to write it: the job's list
 * is one snapshot, so no second look is needed (case_launch.c's scan of
 * the process table may miss a process that changes parent). */
static bool ready_or_nobody(void *arg)
{
    const launch *l = arg;
    return exists(l->ready) || case_count_living() == 0;
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
    const char *why = !exists(l->ready)
                          ? sandbox_read(sandbox_printf("%s.broken", l->ready), NULL)
                          : NULL;
    if (why != NULL)
        case_broken("the adapter failed in the daemon: %.*s",
                    (int)strcspn(why, "\r\n"), why);
    const char *idle = NULL;
    if (!exists(l->ready) && case_count_living() > 0 &&
        (idle = case_idle()) == NULL)
        case_inconclusive(CASE_DEADLINE, "%sthe ready file %s after the "
                          "launcher exited 0 (living, not idle: [%s])",
                          case_current_context(), l->ready, case_describe_living());
    if (!exists(l->ready))
        cr_assert_fail("%slauncher exited 0 but no daemon wrote %s within %gs; "
                       "living: [%s]%s%s",
                       case_current_context(), l->ready, CASE_DEADLINE,
                       case_describe_living(), idle ? ", " : "", idle ? idle : "");
    const char *text = sandbox_read(l->ready, NULL);
    char *end;
    long pid = text ? strtol(text, &end, 10) : 0;
    if (text == NULL || pid <= 0 || case_after_line_end(end) == NULL)
        cr_assert_fail("%sready file %s holds no PID: \"%s\"", case_current_context(),
                       l->ready, text ? text : "(unreadable)");
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
    char *argv[MAX_ARGS + 1];
    size_t n = case_subject_command(argv, MAX_ARGS - 5);
    argv[n++] = "--send";
    argv[n++] = (char *)sig;
    argv[n++] = "--pidfile";
    argv[n++] = (char *)subject_path(pidfile);
    argv[n] = NULL;
    int out = sandbox_capture(sandbox_path("send.out"));
    int err = sandbox_capture(sandbox_path("send.err"));
    HANDLE in = null_input();
    PROCESS_INFORMATION pi;
    spawn(argv, in, (HANDLE)_get_osfhandle(out), (HANDLE)_get_osfhandle(err), &pi);
    CloseHandle(in);
    _close(out);
    _close(err);
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    DWORD code = 0;
    bool ended = WaitForSingleObject(pi.hProcess, (DWORD)dk_deadline_left_ms(
                                         dk_deadline_in(CASE_DEADLINE))) == WAIT_OBJECT_0;
    if (ended)
        GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    if (!ended) {
        const char *why = case_outlived((pid_t)pi.dwProcessId, 0);
        const char *said = case_printed(sandbox_path("send.out"),
                                        sandbox_path("send.err"));
        if (why == NULL)
            case_inconclusive(CASE_DEADLINE, "%s'--send %s' to exit (still "
                              "running, not idle)%s", case_current_context(), sig,
                              said);
        cr_assert_fail("%s'--send %s' still running after %gs: %s%s",
                       case_current_context(), sig, CASE_DEADLINE, why, said);
    }
    if (code == CASE_ADAPTER_BROKEN)
        case_broken("the adapter failed (exit %d) on --send: %s",
                    CASE_ADAPTER_BROKEN,
                    sandbox_quote_first_line(sandbox_path("send.err")));
    if (code != 0)
        host()->own_failure(sandbox_quote_first_line(sandbox_path("send.err")));
    return (int)code;
}
