/* observe_win32.c: observe.h's Windows processes, natively: probe.c's
 * Win32 calls made in our own process, where observe_win_wine.c runs
 * dkprobe.exe under Wine for each. The answers are the same fields,
 * converted the same way (UTF-8; paths as Windows gives them). */
#include "observe.h"

#include "wait.h"
#include "win/probe.h"

#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static void utf8(const wchar_t *s, char *out, size_t size)
{
    if (WideCharToMultiByte(CP_UTF8, 0, s, -1, out, (int)size, NULL, NULL) == 0)
        out[0] = '\0';
}

/* NULL stays NULL; the buffer is the caller's. */
static const wchar_t *wide(const char *s, wchar_t *buf, size_t n)
{
    if (s == NULL)
        return NULL;
    if (MultiByteToWideChar(CP_UTF8, 0, s, -1, buf, (int)n) == 0)
        buf[0] = L'\0';
    return buf;
}

static probe_proc procs[4096];

long win_snapshot(win_proc *out, size_t max, char *why, size_t why_size)
{
    (void)why;
    (void)why_size;
    size_t n = probe_snapshot(procs, 4096);
    for (size_t i = 0; i < n && i < 4096 && i < max; i++) {
        out[i].pid = procs[i].pid;
        out[i].ppid = procs[i].ppid;
        out[i].threads = procs[i].threads;
        utf8(procs[i].exe, out[i].exe, sizeof out[i].exe);
    }
    return (long)(n < 4096 ? n : 4096);
}

int win_read(win_pid pid, const char *var, win_info *out, char *why,
             size_t why_size)
{
    (void)why;
    (void)why_size;
    static probe_info in;
    wchar_t name[256];
    probe_read((DWORD)pid, wide(var, name, 256), &in);
    memset(out, 0, sizeof *out);
    out->found = in.found;
    out->alive = in.alive;
    if (!in.found)
        return 0;
    out->exit_code = in.exit_code;
    size_t n = probe_snapshot(procs, 4096);
    for (size_t i = 0; i < n && i < 4096; i++)
        if (procs[i].pid == pid) {
            out->ppid = procs[i].ppid;
            out->threads = procs[i].threads;
        }
    utf8(in.image, out->image, sizeof out->image);
    out->have_params = in.have_params;
    if (!in.have_params)
        return 0;
    utf8(in.cwd, out->cwd, sizeof out->cwd);
    utf8(in.cmdline, out->cmdline, sizeof out->cmdline);
    out->console = in.console;
    out->console_flags = in.console_flags;
    for (int i = 0; i < 3; i++) {
        snprintf(out->std[i].type, sizeof out->std[i].type, "%s", in.std[i].type);
        utf8(in.std[i].path, out->std[i].path, sizeof out->std[i].path);
    }
    out->has_var = in.has_var;
    if (in.has_var)
        utf8(in.var_value, out->var, sizeof out->var);
    return 0;
}

int win_read_env(win_pid pid, char *buf, size_t size, size_t *len, char *why,
                 size_t why_size)
{
    static wchar_t block[32768];
    wchar_t *own = NULL;
    const wchar_t *e = block;
    if (pid == 0)
        e = own = GetEnvironmentStringsW();
    else if (probe_environment((DWORD)pid, block, 32768) == 0)
        e = NULL;
    if (e == NULL) {
        snprintf(why, why_size, "cannot read process %lu's environment", pid);
        return -1;
    }
    *len = 0;
    int r = 0;
    for (; *e; e += wcslen(e) + 1) {
        char line[4096];
        utf8(e, line, sizeof line);
        for (char *c = line; *c; c++)
            if (*c == '\n' || *c == '\r')
                *c = ' ';
        size_t n = strlen(line) + 1;
        if (*len + n > size) {
            snprintf(why, why_size, "process %lu's environment is longer than "
                     "%zu bytes", pid, size);
            r = -1;
            break;
        }
        memcpy(buf + *len, line, n);
        *len += n;
    }
    if (own != NULL)
        FreeEnvironmentStringsW(own);
    return r;
}

int win_terminate(win_pid pid, unsigned code, char *why, size_t why_size)
{
    DWORD e = probe_terminate((DWORD)pid, code);
    if (e != 0)
        snprintf(why, why_size, "Windows error %lu", (unsigned long)e);
    return e == 0 ? 0 : -1;
}

static DWORD ms_of(double seconds)
{
    return (DWORD)(dk_deadline_seconds(seconds) * 1000);
}

/* probe.c's answer as observe.h's (-1, gone: 2; -2, the sentinel not
 * ended: -1); code read after the wait (the call sets it: never pass it
 * in the same call's arguments, whose order C leaves open). */
static int waited(int r, DWORD code, unsigned long *out)
{
    if (r == 1)
        *out = code;
    return r == -1 ? 2 : r == -2 ? -1 : r;
}

int win_wait_exit(win_pid pid, double seconds, unsigned long *code)
{
    DWORD c = 0;
    int r = probe_wait_exit((DWORD)pid, ms_of(seconds), &c);
    return waited(r, c, code);
}

int win_end_then_wait(win_pid sentinel, unsigned end_code, win_pid pid,
                      double seconds, unsigned long *code)
{
    DWORD c = 0;
    int r = probe_end_then_wait((DWORD)sentinel, end_code, (DWORD)pid,
                                ms_of(seconds), &c);
    return waited(r, c, code);
}

win_pid win_signal(win_pid pid, unsigned code, const char *pid_file,
                   double seconds, long *micros)
{
    wchar_t path[1024];
    LARGE_INTEGER freq, t0, t1;
    QueryPerformanceFrequency(&freq);
    /* Held until the PID file changes, as dkprobe's signal does: a PID is
     * not reused while a handle to its process is open. */
    HANDLE old = OpenProcess(SYNCHRONIZE, FALSE, (DWORD)pid);
    QueryPerformanceCounter(&t0);
    DWORD next = 0;
    if (probe_terminate((DWORD)pid, code) == 0)
        next = probe_wait_pidfile_change(wide(pid_file, path, 1024), (DWORD)pid,
                                         ms_of(seconds));
    QueryPerformanceCounter(&t1);
    if (old != NULL)
        CloseHandle(old);
    if (micros != NULL)
        *micros = (long)((t1.QuadPart - t0.QuadPart) * 1000000 / freq.QuadPart);
    return next;
}

win_pid win_await_pidfile(const char *pid_file, win_pid old, double seconds)
{
    wchar_t path[1024];
    return probe_wait_pidfile_change(wide(pid_file, path, 1024), (DWORD)old,
                                     ms_of(seconds));
}

/* A native run names every path as Windows does already. */
void win_path_of(const char *path, char *out, size_t size)
{
    snprintf(out, size, "%s", path);
}

/* ---- what verdict.c asks of a case's processes (Windows PIDs here) */

bool obs_alive(pid_t pid)
{
    HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, (DWORD)pid);
    DWORD code = 0;
    bool alive = h != NULL && GetExitCodeProcess(h, &code) && code == STILL_ACTIVE;
    if (h != NULL)
        CloseHandle(h);
    return alive;
}

/* Not read: ENOTSUP, as observe.h allows, and case_idle() then has the
 * host's quiet window alone (quiet_win32.c: no processor time charged to
 * any thread of the case's processes) to call a case idle. On
 * Windows, NtQuerySystemInformation's thread states (5, Waiting) would
 * tell; under Wine 8 they cannot: it gave state 0 for every thread, a
 * spinning one as a sleeping one (seen with a test program). */
int obs_read_liveliest_state(pid_t pid, char *state)
{
    (void)pid;
    (void)state;
    errno = ENOTSUP;
    return -1;
}
