/* case_launch_win.c: case_launch_os.h for the native dkcheck.exe: the
 * contract's command line (case_launch.c's words) run with
 * CreateProcessW, suspended until it is in the case's Job object
 * (job_win.c), its stdout and stderr in the sandbox's logs, its cwd
 * SANDBOX\launch, its stdin NUL; waited for on its process handle.
 *
 * What case_launch_unix.c gives and this does not (yet), and why: no
 * careless parent (a Windows launcher inherits no terminal, fds or
 * signal dispositions: host_win32.c says careless_parent false, as
 * host_wine.c does); no tracer and no held calls (trace.h and
 * hold_unseen.h are Linux's): case_start_all_traced and _unseen end the
 * case BROKEN; no raised descriptor limit (H7), notify socket or FIFO
 * (N1, N2), users or groups (P1): their cases are not compiled in. */
#include "case_launch_os.h"

#include "host.h"
#include "native_win.h"
#include "sandbox.h"

#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LAUNCHES 64

/* The launchers' process handles, by the launch's index in the case. */
static HANDLE processes[MAX_LAUNCHES];

void case_launch_os_forget(launch *l, size_t k)
{
    (void)l;
    if (k < MAX_LAUNCHES && processes[k] != NULL)
        CloseHandle(processes[k]);
    if (k < MAX_LAUNCHES)
        processes[k] = NULL;
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

/* A launch made and started, still suspended: its main thread. */
static HANDLE start_suspended(const launch_spec *spec, launch **made)
{
    static const launch_spec none;
    const launch_spec *s = spec ? spec : &none;
    if (s->n_shield || s->raise_nofile || s->notify_socket || s->notify_fifo ||
        s->user || s->group || s->closed_stdio || s->terminal_outlives_launcher)
        case_broken("this launch needs what the native dkcheck.exe cannot "
                    "give yet (shields, limits, notify, users, closed stdio, "
                    "a terminal)");
    size_t k;
    launch *l = case_launch_new(s, &k);
    int out = sandbox_capture(l->out), err = sandbox_capture(l->err);
    HANDLE in = null_input();
    PROCESS_INFORMATION pi;
    spawn(case_launcher_argv(l, s), in, (HANDLE)_get_osfhandle(out),
          (HANDLE)_get_osfhandle(err), &pi);
    CloseHandle(in); /* the launcher holds them now */
    _close(out);
    _close(err);
    l->launcher = (pid_t)pi.dwProcessId;
    processes[k] = pi.hProcess;
    *made = l;
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
    launch *l;
    resume(start_suspended(spec, &l));
    return l;
}

/* All made suspended first, then resumed together: the barrier
 * case_launch.c makes with a pipe between fork and exec. */
void case_start_all(const launch_spec *spec, size_t k, launch **out)
{
    HANDLE threads[MAX_LAUNCHES];
    if (k > MAX_LAUNCHES)
        case_broken("more than %d launches in one case", MAX_LAUNCHES);
    for (size_t i = 0; i < k; i++)
        threads[i] = start_suspended(spec, &out[i]);
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

bool case_launch_os_wait(launch *l, size_t k, dk_deadline d)
{
    DWORD code;
    if (WaitForSingleObject(processes[k], (DWORD)dk_deadline_left_ms(d)) !=
        WAIT_OBJECT_0)
        return false;
    if (!GetExitCodeProcess(processes[k], &code))
        case_broken("GetExitCodeProcess: Windows error %lu",
                    (unsigned long)GetLastError());
    l->status = (int)code;
    return true;
}

/* A Windows process's status is its exit code, whoever ended it. */
int case_launch_os_code(int status, bool *exited)
{
    *exited = true;
    return status;
}

bool case_send_os_run(char **argv, int out, int err, pid_t *pid, int *status,
                      dk_deadline d)
{
    HANDLE in = null_input();
    PROCESS_INFORMATION pi;
    spawn(argv, in, (HANDLE)_get_osfhandle(out), (HANDLE)_get_osfhandle(err), &pi);
    CloseHandle(in);
    _close(out);
    _close(err);
    ResumeThread(pi.hThread);
    CloseHandle(pi.hThread);
    DWORD code = 0;
    bool ended = WaitForSingleObject(pi.hProcess, (DWORD)dk_deadline_left_ms(d)) ==
                 WAIT_OBJECT_0;
    if (ended && !GetExitCodeProcess(pi.hProcess, &code))
        ended = false;
    CloseHandle(pi.hProcess);
    *pid = (pid_t)pi.dwProcessId;
    *status = (int)code;
    return ended;
}
