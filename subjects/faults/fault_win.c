/* fault_win.c: the Windows side of scripts/faults. Linked into a build of
 * the reference made only for faults (build/win/subject-faults.exe, see
 * mk/windows_faults.mk), with ld's --wrap on the import pointers
 * (__imp_CreateFileW...) of the calls listed below: the library is built
 * as always and calls Windows through those pointers, which here point at
 * the wrappers of this file.
 *
 * wraps: CreateFileW WriteFile ReadFile MoveFileExW GetFileSizeEx GetFileAttributesW GetModuleFileNameW GetCurrentDirectoryW SetCurrentDirectoryW GetTempPathW OpenProcessToken GetTokenInformation ConvertSidToStringSidW ConvertStringSecurityDescriptorToSecurityDescriptorW SetEnvironmentVariableW GetEnvironmentStringsW CreateNamedPipeW ConnectNamedPipe GetOverlappedResult CreateEventW CreateProcessW CreateThread WaitForMultipleObjects WaitForSingleObject OpenProcess TerminateProcess GetExitCodeProcess QueryFullProcessImageNameW
 *
 * DK_FAULT_CALL names the call, DK_FAULT_NTH which of its calls fails (1:
 * the first), DK_FAULT_ERROR the Windows error code it fails with. With
 * DK_FAULT_STICKY=1 every call from the NTH on fails (for errors the
 * library retries). The count goes on in the relaunched daemon, as a fork
 * copies it on Unix: before each CreateProcessW it is put in the
 * environment (DK_FAULT_SEEN), which the relaunch inherits. Sentinels (the
 * processes started with DAEMONIKER_SENTINEL) count on their own and fail
 * only with DK_FAULT_IN=sentinel, which leaves every other process alone.
 * When a call is failed, DK_FAULT_MARK (a path) is created holding the
 * system's text for the error, so the script knows the point was reached
 * and what the message must say. */
#include <windows.h>

#include <sddl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define DECLARE_REAL(name) extern __typeof__(name) *__real___imp_##name;
DECLARE_REAL(CreateFileW)
DECLARE_REAL(WriteFile)
DECLARE_REAL(SetEnvironmentVariableW)
DECLARE_REAL(CreateProcessW)

static LONG seen;
static bool counting;

static bool env_is(const wchar_t *var, const wchar_t *want)
{
    wchar_t value[128];
    DWORD got = GetEnvironmentVariableW(var, value, 128);
    if (got == 0 || got >= 128)
        return want == NULL;
    return want != NULL && wcscmp(value, want) == 0;
}

static unsigned long env_number(const wchar_t *var, unsigned long otherwise)
{
    wchar_t value[32];
    DWORD got = GetEnvironmentVariableW(var, value, 32);
    return got == 0 || got >= 32 ? otherwise : wcstoul(value, NULL, 10);
}

/* This process is one the fault may hit: a sentinel with DK_FAULT_IN=
 * sentinel, any other process without it. */
static bool in_scope(void)
{
    bool sentinel = !env_is(L"DAEMONIKER_SENTINEL", NULL);
    bool for_sentinels = env_is(L"DK_FAULT_IN", L"sentinel");
    return sentinel == for_sentinels;
}

/* The system's text for code, written to the mark file. */
static void mark(DWORD code)
{
    wchar_t path[1024];
    DWORD got = GetEnvironmentVariableW(L"DK_FAULT_MARK", path, 1024);
    if (got == 0 || got >= 1024)
        return;
    char text[512] = "";
    FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                   NULL, code, 0, text, sizeof text, NULL);
    /* the library trims the same way: no CRLF, blank or period at the end */
    size_t n = strlen(text);
    while (n > 0 && strchr("\r\n .", text[n - 1]) != NULL)
        text[--n] = '\0';
    HANDLE h = __real___imp_CreateFileW(path, GENERIC_WRITE, 0, NULL,
                                        CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL,
                                        NULL);
    if (h == INVALID_HANDLE_VALUE)
        return;
    DWORD wrote;
    __real___imp_WriteFile(h, text, (DWORD)n, &wrote, NULL);
    CloseHandle(h);
}

/* Whether this call of name fails; if so the error is set. */
static bool inject(const wchar_t *name)
{
    wchar_t want[96];
    DWORD got = GetEnvironmentVariableW(L"DK_FAULT_CALL", want, 96);
    if (got == 0 || got >= 96 || wcscmp(want, name) != 0 || !in_scope())
        return false;
    if (!counting) {
        counting = true;
        if (env_is(L"DK_FAULT_IN", NULL))
            seen = (LONG)env_number(L"DK_FAULT_SEEN", 0);
    }
    LONG n = InterlockedIncrement(&seen);
    LONG nth = (LONG)env_number(L"DK_FAULT_NTH", 1);
    bool sticky = env_is(L"DK_FAULT_STICKY", L"1");
    if (n != nth && !(sticky && n > nth))
        return false;
    DWORD code = (DWORD)env_number(L"DK_FAULT_ERROR", ERROR_GEN_FAILURE);
    if (n == nth)
        mark(code);
    SetLastError(code);
    return true;
}

/* The wrapper of name: fails with failed, or calls the real one. */
#define WRAP(ret, name, failed, params, args)                                \
    DECLARE_REAL(name)                                                       \
    static ret WINAPI fault_##name params                                    \
    {                                                                        \
        if (inject(L## #name))                                               \
            return failed;                                                   \
        return __real___imp_##name args;                                     \
    }                                                                        \
    __typeof__(name) *__wrap___imp_##name = fault_##name;

WRAP(HANDLE, CreateFileW, INVALID_HANDLE_VALUE,
     (LPCWSTR p, DWORD a, DWORD s, LPSECURITY_ATTRIBUTES sa, DWORD c, DWORD f,
      HANDLE t),
     (p, a, s, sa, c, f, t))
WRAP(BOOL, WriteFile, FALSE,
     (HANDLE h, LPCVOID b, DWORD n, LPDWORD w, LPOVERLAPPED o), (h, b, n, w, o))
WRAP(BOOL, ReadFile, FALSE,
     (HANDLE h, LPVOID b, DWORD n, LPDWORD r, LPOVERLAPPED o), (h, b, n, r, o))
WRAP(BOOL, MoveFileExW, FALSE, (LPCWSTR a, LPCWSTR b, DWORD f), (a, b, f))
WRAP(BOOL, GetFileSizeEx, FALSE, (HANDLE h, PLARGE_INTEGER s), (h, s))
WRAP(DWORD, GetFileAttributesW, INVALID_FILE_ATTRIBUTES, (LPCWSTR p), (p))
WRAP(DWORD, GetModuleFileNameW, 0, (HMODULE m, LPWSTR p, DWORD n), (m, p, n))
WRAP(DWORD, GetCurrentDirectoryW, 0, (DWORD n, LPWSTR p), (n, p))
WRAP(BOOL, SetCurrentDirectoryW, FALSE, (LPCWSTR p), (p))
WRAP(DWORD, GetTempPathW, 0, (DWORD n, LPWSTR p), (n, p))
WRAP(BOOL, OpenProcessToken, FALSE, (HANDLE p, DWORD a, PHANDLE t), (p, a, t))
WRAP(BOOL, GetTokenInformation, FALSE,
     (HANDLE t, TOKEN_INFORMATION_CLASS c, LPVOID i, DWORD n, PDWORD r),
     (t, c, i, n, r))
WRAP(BOOL, ConvertSidToStringSidW, FALSE, (PSID s, LPWSTR *out), (s, out))
WRAP(BOOL, ConvertStringSecurityDescriptorToSecurityDescriptorW, FALSE,
     (LPCWSTR s, DWORD r, PSECURITY_DESCRIPTOR *sd, PULONG n), (s, r, sd, n))
WRAP(BOOL, SetEnvironmentVariableW, FALSE, (LPCWSTR n, LPCWSTR v), (n, v))
WRAP(LPWCH, GetEnvironmentStringsW, NULL, (void), ())
WRAP(HANDLE, CreateNamedPipeW, INVALID_HANDLE_VALUE,
     (LPCWSTR n, DWORD o, DWORD p, DWORD m, DWORD out, DWORD in, DWORD t,
      LPSECURITY_ATTRIBUTES sa),
     (n, o, p, m, out, in, t, sa))
WRAP(BOOL, ConnectNamedPipe, FALSE, (HANDLE h, LPOVERLAPPED o), (h, o))
WRAP(BOOL, GetOverlappedResult, FALSE,
     (HANDLE h, LPOVERLAPPED o, LPDWORD n, BOOL w), (h, o, n, w))
WRAP(HANDLE, CreateEventW, NULL,
     (LPSECURITY_ATTRIBUTES sa, BOOL m, BOOL i, LPCWSTR n), (sa, m, i, n))
WRAP(HANDLE, CreateThread, NULL,
     (LPSECURITY_ATTRIBUTES sa, SIZE_T st, LPTHREAD_START_ROUTINE f, LPVOID a,
      DWORD c, LPDWORD id),
     (sa, st, f, a, c, id))
WRAP(DWORD, WaitForMultipleObjects, WAIT_FAILED,
     (DWORD n, const HANDLE *h, BOOL all, DWORD ms), (n, h, all, ms))
WRAP(DWORD, WaitForSingleObject, WAIT_FAILED, (HANDLE h, DWORD ms), (h, ms))
WRAP(HANDLE, OpenProcess, NULL, (DWORD a, BOOL i, DWORD pid), (a, i, pid))
WRAP(BOOL, TerminateProcess, FALSE, (HANDLE h, UINT code), (h, code))
WRAP(BOOL, GetExitCodeProcess, FALSE, (HANDLE h, LPDWORD code), (h, code))
WRAP(BOOL, QueryFullProcessImageNameW, FALSE,
     (HANDLE h, DWORD f, LPWSTR p, PDWORD n), (h, f, p, n))

/* CreateProcessW also hands the count on to the process it starts. */
static BOOL WINAPI fault_CreateProcessW(
    LPCWSTR app, LPWSTR cmd, LPSECURITY_ATTRIBUTES pa, LPSECURITY_ATTRIBUTES ta,
    BOOL inherit, DWORD flags, LPVOID env, LPCWSTR dir, LPSTARTUPINFOW si,
    LPPROCESS_INFORMATION pi)
{
    if (inject(L"CreateProcessW"))
        return FALSE;
    if (counting && env_is(L"DK_FAULT_IN", NULL)) {
        wchar_t count[32];
        _snwprintf(count, 32, L"%ld", (long)seen);
        count[31] = L'\0';
        __real___imp_SetEnvironmentVariableW(L"DK_FAULT_SEEN", count);
    }
    return __real___imp_CreateProcessW(app, cmd, pa, ta, inherit, flags, env,
                                       dir, si, pi);
}
__typeof__(CreateProcessW) *__wrap___imp_CreateProcessW = fault_CreateProcessW;
