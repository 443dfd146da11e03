/* dkcheck.exe: the native Windows dkcheck (issue 23), a first slice.
 *
 *   dkcheck.exe --subject 'PATH\subject.exe ARGS' [--filter STEP/CASE] ...
 *
 * The same command line (cli.c), cases, reports (report*.c) and main's
 * OS-free part (dkcheck_run.c) as the Linux dkcheck; what differs is how a subject runs (host_win32.c,
 * case_launch_win.c, sandbox_win.c, job_win.c): with Windows' own calls,
 * no Wine in between. Only the cases mk/windows_dkcheck.mk lists are
 * compiled in; the others are not yet native and are not claimed.
 *
 * What dkcheck_main.c does that this does not, and why: no PID namespace
 * or run guard (Linux's); each case's Job object ends its processes when
 * its worker dies instead (job_win.c). No --reap: a run's directory under
 * %TEMP% is removed at its end, and a killed run's is left for now. No
 * shell word expansion of the subject (blanks split, quotes group). */
#include "../lib/daemoniker.h"
#include "cli.h"
#include "dkcheck_run.h"
#include "native_win.h"
#include "run_config.h"
#include "wait.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char run_dir[MAX_PATH];

/* 0, or -1 when something of the run is left (said on stderr). */
static int run_remove(void)
{
    char why[512];
    int r = 0;
    if (run_dir[0] != '\0' && (r = dk_remove_tree(run_dir, why, sizeof why)) < 0)
        fprintf(stderr, "dkcheck: %s\n", why);
    run_dir[0] = '\0';
    return r;
}

void dk_main_os_abandon(void)
{
    run_remove();
}

/* The run's directory: %TEMP%\dkcheck-PID-TICKS, new. Private as %TEMP%
 * is: Windows gives a user's profile, and the directories made in it, to
 * that user (and the system) only; no shared /tmp to guard against. */
static void run_begin(void)
{
    wchar_t temp[MAX_PATH], dir[MAX_PATH];
    DWORD n = GetTempPathW(MAX_PATH, temp);
    if (n == 0 || n >= MAX_PATH)
        dk_main_die("no temporary directory (GetTempPath: Windows error %lu)",
            (unsigned long)GetLastError());
    _snwprintf(dir, MAX_PATH, L"%lsdkcheck-%lu-%llu", temp,
               (unsigned long)GetCurrentProcessId(),
               (unsigned long long)GetTickCount64());
    dir[MAX_PATH - 1] = L'\0';
    if (!CreateDirectoryW(dir, NULL))
        dk_main_die("cannot make the run's directory %ls: Windows error %lu", dir,
            (unsigned long)GetLastError());
    WideCharToMultiByte(CP_UTF8, 0, dir, -1, run_dir, MAX_PATH, NULL, NULL);
    run_config_set("DKCHECK_RUNDIR", run_dir);
}

/* The subject's first word as a full path, the rest as given. */
static const char *subject_absolute(const char *subject)
{
    static char out[8192];
    const char *p = subject + strspn(subject, " \t");
    bool quoted = *p == '"';
    size_t n = quoted ? strcspn(p + 1, "\"") : strcspn(p, " \t");
    char first[MAX_PATH];
    snprintf(first, sizeof first, "%.*s", (int)n, p + quoted);
    wchar_t w[MAX_PATH], full[MAX_PATH];
    DWORD got = GetFullPathNameW(dk_wide(first, w, MAX_PATH), MAX_PATH, full, NULL);
    DWORD attrs = got ? GetFileAttributesW(full) : INVALID_FILE_ATTRIBUTES;
    if (got == 0 || got >= MAX_PATH || attrs == INVALID_FILE_ATTRIBUTES ||
        (attrs & FILE_ATTRIBUTE_DIRECTORY))
        dk_main_die("subject '%.200s': its first word is not an executable file", subject);
    char full8[MAX_PATH * 3];
    WideCharToMultiByte(CP_UTF8, 0, full, -1, full8, sizeof full8, NULL, NULL);
    const char *rest = p + n + (quoted ? 2 : 0);
    snprintf(out, sizeof out, strchr(full8, ' ') ? "\"%s\"%s" : "%s%s", full8, rest);
    return out;
}

static HANDLE log_file(const char *name)
{
    wchar_t w[MAX_PATH];
    char path[MAX_PATH];
    snprintf(path, sizeof path, "%s\\%s", run_dir, name);
    SECURITY_ATTRIBUTES inherit = {sizeof inherit, NULL, TRUE};
    HANDLE h = CreateFileW(dk_wide(path, w, MAX_PATH), GENERIC_WRITE | GENERIC_READ,
                           FILE_SHARE_READ | FILE_SHARE_WRITE, &inherit,
                           CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        dk_main_die("cannot make %s: Windows error %lu", path, (unsigned long)GetLastError());
    return h;
}

/* The start of what h holds into buf (NUL-terminated); how many bytes
 * it holds in all. */
static size_t read_back(HANDLE h, char *buf, size_t size)
{
    DWORD got = 0;
    LARGE_INTEGER all = {0};
    SetFilePointer(h, 0, NULL, FILE_BEGIN);
    if (!ReadFile(h, buf, (DWORD)size - 1, &got, NULL))
        got = 0;
    buf[got] = '\0';
    if (!GetFileSizeEx(h, &all) || all.QuadPart < (LONGLONG)got)
        return got;
    return (size_t)all.QuadPart;
}

#define CAPABILITIES_DEADLINE 30 /* seconds, as dkcheck_main.c's */

/* SUBJECT --capabilities, its answer into files of the run (no pipe to
 * drain, so the deadline is one wait on its process); the run's
 * calibration launch, as on Linux (wait.h). */
static const char *query_capabilities(const char *subject)
{
    static char out[4096];
    char err[512], line[8300];
    snprintf(line, sizeof line, "%s --capabilities", subject);
    static wchar_t wline[8300];
    MultiByteToWideChar(CP_UTF8, 0, line, -1, wline, 8300);
    HANDLE o = log_file("capabilities.out"), e = log_file("capabilities.err");
    STARTUPINFOW si = {.cb = sizeof si, .dwFlags = STARTF_USESTDHANDLES,
                       .hStdInput = NULL, .hStdOutput = o, .hStdError = e};
    PROCESS_INFORMATION pi;
    ULONGLONG t0 = GetTickCount64();
    if (!CreateProcessW(NULL, wline, NULL, NULL, TRUE, 0, NULL, NULL, &si, &pi))
        dk_main_die("subject '%.200s': cannot start it (Windows error %lu)", subject,
            (unsigned long)GetLastError());
    CloseHandle(pi.hThread);
    dk_deadline d = dk_deadline_in(CAPABILITIES_DEADLINE);
    DWORD code = 1;
    if (WaitForSingleObject(pi.hProcess, (DWORD)dk_deadline_left_ms(d)) != WAIT_OBJECT_0) {
        TerminateProcess(pi.hProcess, 9);
        dk_main_die("subject '%.200s' did not answer --capabilities within %.0fs",
            subject, dk_deadline_seconds(CAPABILITIES_DEADLINE));
    }
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hProcess);
    char ms[32];
    snprintf(ms, sizeof ms, "%llu", (unsigned long long)(GetTickCount64() - t0));
    run_config_set("DKCHECK_CALIBRATION_MS", ms);
    size_t total = read_back(o, out, sizeof out);
    read_back(e, err, sizeof err);
    CloseHandle(o);
    CloseHandle(e);
    err[strcspn(err, "\r\n")] = '\0';
    if (code != 0)
        dk_main_die("subject '%.200s' failed on --capabilities (status %lu): \"%.200s\"",
            subject, (unsigned long)code, err);
    dk_main_capabilities(out, sizeof out, total, subject);
    return out;
}

/* The run's end, once its cases ran: its directory removed; true if
 * anything of it is left (said on stderr). */
static bool run_end(void)
{
    return run_remove() < 0;
}

/* Exported: BoxFort starts each case's worker as a new process of this
 * program and finds main by name (GetProcAddress) to divert it to the
 * case; Criterion's own main is exported for the same reason. */
__declspec(dllexport) int main(int argc, char **argv);
__declspec(dllexport) int main(int argc, char **argv)
{
    static dk_cli cli;
    char why[512];
    if (dk_cli_parse(argc, argv, &cli, why, sizeof why) < 0)
        dk_main_die("%s", why);
    if (dk_main_answered(&cli, " (native Windows, a first slice)"))
        return 0;
    if (cli.reap)
        dk_main_die("--reap is not native yet (a run removes its own directory)");
    if (cli.subject == NULL || cli.subject[0] == '\0')
        dk_main_die("no subject: give --subject 'CMD ARGS' or set DKCHECK_SUBJECT");
    dk_main_reports_open(&cli);
    if (dk_cli_check_outputs(&cli, why, sizeof why) < 0)
        dk_main_die("%s", why);
    const char *subject = subject_absolute(cli.subject);
    run_config_set("DKCHECK_PLATFORM", "windows");
    run_begin();
    const char *caps = query_capabilities(subject);
    run_config_set("DKCHECK_SUBJECT", subject);
    run_config_set("DKCHECK_CAPABILITIES", caps);
    run_config_set("DKCHECK_PROFILE", cli.profile);
    run_config_set("DKCHECK_ISOLATION", "job-object");
    return dk_main_run_cases(&cli, "NUL", run_end);
}
