/* SW2: the sentinel, this same executable in sentinel mode.
 *
 * The mode is chosen before main() by a constructor, so a program needs no
 * code of its own for it: a process started with DAEMONIKER_SENTINEL=PID
 * in its environment waits for that daemon to end and never runs main().
 * It "sleeps for ever" as Daemoniker's sentinel does, but also ends with
 * its daemon, so a daemon killed outright leaves no sentinel behind. A
 * sentinel that cannot watch its daemon only sleeps: ending on its own, it
 * would tell the daemon it got a signal (exit code 0 is SIGINT), and the
 * next sentinel, failing the same way, again. */
#include "signals.h"

#include <stdlib.h>
#include <wchar.h>

__attribute__((constructor)) static void sentinel_mode(void)
{
    wchar_t value[32];
    DWORD got = GetEnvironmentVariableW(DK_WIN_SENTINEL_VAR, value, 32);
    if (got == 0 || got >= 32)
        return;
    HANDLE daemon = OpenProcess(SYNCHRONIZE, FALSE, wcstoul(value, NULL, 10));
    /* ERROR_INVALID_PARAMETER: no such process; its daemon is gone */
    if (daemon == NULL && GetLastError() == ERROR_INVALID_PARAMETER)
        ExitProcess(0);
    if (daemon == NULL || WaitForSingleObject(daemon, INFINITE) == WAIT_FAILED)
        for (;;)
            Sleep(INFINITE);
    ExitProcess(0);
}

static bool is_relaunch_switch(const wchar_t *entry)
{
    size_t n = wcslen(DK_WIN_RELAUNCH_VAR);
    return _wcsnicmp(entry, DK_WIN_RELAUNCH_VAR, n) == 0 && entry[n] == L'=';
}

/* This process's environment with the sentinel's variable in front, and
 * without the relaunch switch (a sentinel is no relaunch). */
static wchar_t *sentinel_environment(void)
{
    wchar_t *env = GetEnvironmentStringsW();
    if (env == NULL)
        return NULL;
    size_t n = 0;
    while (env[n] != L'\0' || env[n + 1] != L'\0')
        n++;
    wchar_t mark[64];
    int m = _snwprintf(mark, 64, L"%ls=%lu", DK_WIN_SENTINEL_VAR,
                       (unsigned long)GetCurrentProcessId());
    wchar_t *block = malloc(((size_t)m + 1 + n + 2) * sizeof *block);
    if (block != NULL) {
        memcpy(block, mark, ((size_t)m + 1) * sizeof *block);
        size_t at = (size_t)m + 1;
        for (const wchar_t *e = env; *e; e += wcslen(e) + 1)
            if (!is_relaunch_switch(e)) {
                size_t len = wcslen(e) + 1;
                memcpy(block + at, e, len * sizeof *block);
                at += len;
            }
        block[at] = L'\0';
    }
    FreeEnvironmentStringsW(env);
    if (block == NULL)
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return block;
}

dk_status dk__win_sentinel_start(HANDLE *process, DWORD *pid, dk_error *err)
{
    wchar_t exe[DK_WIN_PATH];
    DWORD got = GetModuleFileNameW(NULL, exe, DK_WIN_PATH);
    if (got == 0 || got >= DK_WIN_PATH)
        return dk__win_fail(err, DK_ESYS, "SW2", GetLastError(),
                            "cannot find this program's executable");
    wchar_t *env = sentinel_environment();
    if (env == NULL)
        return dk__win_fail(err, DK_ESYS, "SW2", GetLastError(),
                            "sentinel environment");
    wchar_t cmdline[DK_WIN_PATH + 32];
    _snwprintf(cmdline, DK_WIN_PATH + 32, L"\"%ls\" --daemoniker-sentinel", exe);
    cmdline[DK_WIN_PATH + 31] = L'\0';
    STARTUPINFOW si;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    PROCESS_INFORMATION pi;
    BOOL ok = CreateProcessW(exe, cmdline, NULL, NULL, FALSE,
                             DETACHED_PROCESS | CREATE_UNICODE_ENVIRONMENT, env,
                             NULL, &si, &pi);
    DWORD code = ok ? 0 : GetLastError();
    free(env);
    if (!ok)
        return dk__win_fail(err, DK_ESYS, "SW2", code,
                            "cannot start a sentinel");
    CloseHandle(pi.hThread);
    *process = pi.hProcess;
    *pid = pi.dwProcessId;
    return DK_OK;
}
