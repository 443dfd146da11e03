/* probe.c: the Win32 side of observation; see probe.h. */
#include "probe.h"

#include <stdio.h>
#include <string.h>
#include <tlhelp32.h>
#include <wchar.h>
#include <winternl.h>

size_t probe_snapshot(probe_proc *out, size_t max)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snap == INVALID_HANDLE_VALUE)
        return 0;
    PROCESSENTRY32W e;
    e.dwSize = sizeof e;
    size_t n = 0;
    for (BOOL more = Process32FirstW(snap, &e); more; more = Process32NextW(snap, &e)) {
        if (n < max) {
            out[n].pid = e.th32ProcessID;
            out[n].ppid = e.th32ParentProcessID;
            out[n].threads = e.cntThreads;
            wcsncpy(out[n].exe, e.szExeFile, MAX_PATH - 1);
            out[n].exe[MAX_PATH - 1] = L'\0';
        }
        n++;
    }
    CloseHandle(snap);
    return n;
}

/* The start of RTL_USER_PROCESS_PARAMETERS on x64, as Windows and Wine lay
 * it out; winternl.h hides all but ImagePathName and CommandLine. */
typedef struct params_x64 {
    ULONG MaximumLength, Length, Flags, DebugFlags;
    HANDLE ConsoleHandle;
    ULONG ConsoleFlags;
    HANDLE StandardInput, StandardOutput, StandardError;
    UNICODE_STRING CurrentDirectoryPath;
    HANDLE CurrentDirectoryHandle;
    UNICODE_STRING DllPath, ImagePathName, CommandLine;
    PVOID Environment;
} params_x64;

typedef NTSTATUS(NTAPI *query_fn)(HANDLE, PROCESSINFOCLASS, PVOID, ULONG, PULONG);

static bool read_remote(HANDLE h, const void *at, void *buf, size_t n)
{
    SIZE_T got = 0;
    return ReadProcessMemory(h, at, buf, n, &got) && got == n;
}

static void read_string(HANDLE h, const UNICODE_STRING *s, wchar_t *out, size_t n)
{
    out[0] = L'\0';
    size_t chars = s->Length / sizeof(wchar_t);
    if (chars >= n)
        chars = n - 1;
    if (s->Buffer != NULL && read_remote(h, s->Buffer, out, chars * sizeof(wchar_t)))
        out[chars] = L'\0';
}

static void read_handle(HANDLE process, HANDLE remote, probe_handle *out)
{
    out->path[0] = L'\0';
    HANDLE local;
    if (remote == NULL || remote == INVALID_HANDLE_VALUE) {
        out->type = "none";
        return;
    }
    if (!DuplicateHandle(process, remote, GetCurrentProcess(), &local, 0, FALSE,
                         DUPLICATE_SAME_ACCESS)) {
        out->type = "closed";
        return;
    }
    switch (GetFileType(local)) {
    case FILE_TYPE_DISK:
        out->type = "disk";
        if (GetFinalPathNameByHandleW(local, out->path, 1024, VOLUME_NAME_DOS) == 0)
            out->path[0] = L'\0';
        break;
    case FILE_TYPE_CHAR: out->type = "char"; break;
    case FILE_TYPE_PIPE: out->type = "pipe"; break;
    default: out->type = "unknown"; break;
    }
    CloseHandle(local);
}

/* The remote environment block (NAME=value\0...\0\0) into block; how many
 * characters it holds, its final "\0\0" included (0: unreadable). */
static size_t read_block(HANDLE h, PVOID env, wchar_t *block, size_t cap)
{
    size_t n = 0;
    /* The block's size is not in the fields we read: read in chunks, and
     * smaller ones near its end, where the next page may not be mapped. */
    for (size_t chunk = 2048; chunk >= 32 && n + chunk <= cap;) {
        if (read_remote(h, (const wchar_t *)env + n, block + n, chunk * sizeof(wchar_t)))
            n += chunk;
        else
            chunk /= 2;
    }
    if (n < 2)
        return 0;
    /* Where the block ends ("\0\0"); one longer than what was read is cut
     * after its last whole entry, none half read. */
    size_t end = 0;
    while (end + 1 < n && (block[end] != L'\0' || block[end + 1] != L'\0'))
        end++;
    if (end + 1 >= n)
        for (end = n - 2; end > 0 && block[end] != L'\0'; end--)
            ;
    block[end] = block[end + 1] = L'\0';
    return end + 2;
}

/* Look var up in the remote environment block. */
static void read_var(HANDLE h, PVOID env, const wchar_t *var, probe_info *info)
{
    static wchar_t block[32768];
    if (read_block(h, env, block, sizeof block / sizeof block[0]) == 0)
        return;
    size_t len = wcslen(var);
    for (wchar_t *p = block; *p; p += wcslen(p) + 1)
        if (_wcsnicmp(p, var, len) == 0 && p[len] == L'=') {
            info->has_var = true;
            wcsncpy(info->var_value, p + len + 1, 1023);
            info->var_value[1023] = L'\0';
            return;
        }
}

/* The remote process's parameters (PEB); false if unreadable. */
static bool read_params_of(HANDLE h, params_x64 *p)
{
    query_fn query = (query_fn)(void *)GetProcAddress(GetModuleHandleW(L"ntdll.dll"),
                                                       "NtQueryInformationProcess");
    PROCESS_BASIC_INFORMATION basic;
    if (query == NULL ||
        query(h, ProcessBasicInformation, &basic, sizeof basic, NULL) != 0)
        return false;
    PVOID params_at;
    return read_remote(h, &basic.PebBaseAddress->ProcessParameters, &params_at,
                       sizeof params_at) &&
           read_remote(h, params_at, p, sizeof *p);
}

static void read_params(HANDLE h, const wchar_t *var, probe_info *info)
{
    params_x64 p;
    if (!read_params_of(h, &p))
        return;
    info->have_params = true;
    read_string(h, &p.CurrentDirectoryPath, info->cwd, 1024);
    read_string(h, &p.CommandLine, info->cmdline, 2048);
    info->console = (ULONG_PTR)p.ConsoleHandle;
    info->console_flags = p.ConsoleFlags;
    read_handle(h, p.StandardInput, &info->std[0]);
    read_handle(h, p.StandardOutput, &info->std[1]);
    read_handle(h, p.StandardError, &info->std[2]);
    if (var != NULL && p.Environment != NULL)
        read_var(h, p.Environment, var, info);
}

void probe_read(DWORD pid, const wchar_t *var, probe_info *info)
{
    memset(info, 0, sizeof *info);
    for (int i = 0; i < 3; i++)
        info->std[i].type = "unknown";
    HANDLE h = OpenProcess(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ |
                               PROCESS_DUP_HANDLE | SYNCHRONIZE,
                           FALSE, pid);
    if (h == NULL)
        h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, FALSE, pid);
    if (h == NULL)
        return;
    info->found = true;
    info->alive = WaitForSingleObject(h, 0) == WAIT_TIMEOUT;
    if (!info->alive)
        GetExitCodeProcess(h, &info->exit_code);
    DWORD n = 1024;
    if (!QueryFullProcessImageNameW(h, 0, info->image, &n))
        info->image[0] = L'\0';
    if (info->alive)
        read_params(h, var, info);
    CloseHandle(h);
}

size_t probe_environment(DWORD pid, wchar_t *block, size_t cap)
{
    HANDLE h = OpenProcess(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ | SYNCHRONIZE,
                           FALSE, pid);
    if (h == NULL)
        return 0;
    params_x64 p;
    size_t n = 0;
    /* Read while it runs: the block of a process that ended is gone. */
    if (WaitForSingleObject(h, 0) == WAIT_TIMEOUT && read_params_of(h, &p) &&
        p.Environment != NULL)
        n = read_block(h, p.Environment, block, cap);
    CloseHandle(h);
    return n;
}

DWORD probe_terminate(DWORD pid, UINT code)
{
    HANDLE h = OpenProcess(PROCESS_TERMINATE, FALSE, pid);
    if (h == NULL)
        return GetLastError();
    DWORD e = TerminateProcess(h, code) ? 0 : GetLastError();
    CloseHandle(h);
    return e;
}

int probe_wait_exit(DWORD pid, DWORD ms, DWORD *code)
{
    return probe_end_then_wait(0, 0, pid, ms, code);
}

int probe_end_then_wait(DWORD sentinel, UINT end_code, DWORD pid, DWORD ms,
                        DWORD *code)
{
    /* The handle first: a process whose last handle closed takes its
     * exit code with it, and the sentinel's end may end it at once. */
    HANDLE h = OpenProcess(SYNCHRONIZE | PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid);
    if (h == NULL)
        return -1;
    if (sentinel != 0 && probe_terminate(sentinel, end_code) != 0) {
        CloseHandle(h);
        return -2;
    }
    int r = WaitForSingleObject(h, ms) == WAIT_OBJECT_0;
    if (r)
        GetExitCodeProcess(h, code);
    CloseHandle(h);
    return r;
}

DWORD probe_pidfile(const wchar_t *pid_file)
{
    HANDLE h = CreateFileW(pid_file, GENERIC_READ,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return 0;
    char buf[32];
    DWORD got = 0;
    BOOL ok = ReadFile(h, buf, sizeof buf - 1, &got, NULL);
    CloseHandle(h);
    if (!ok)
        return 0;
    buf[got] = '\0';
    char *end;
    unsigned long pid = strtoul(buf, &end, 10);
    /* A Windows text file's line may end in "\r\n" (Python's text mode). */
    if (end != buf && end[0] == '\r' && end[1] == '\n')
        end++;
    return end != buf && (*end == '\n' || *end == '\0') ? (DWORD)pid : 0;
}

static bool names_new_living(const wchar_t *pid_file, DWORD old, DWORD *pid)
{
    *pid = probe_pidfile(pid_file);
    if (*pid == 0 || *pid == old)
        return false;
    HANDLE h = OpenProcess(SYNCHRONIZE, FALSE, *pid);
    if (h == NULL)
        return false;
    bool alive = WaitForSingleObject(h, 0) == WAIT_TIMEOUT;
    CloseHandle(h);
    return alive;
}

DWORD probe_wait_pidfile_change(const wchar_t *pid_file, DWORD old, DWORD ms)
{
    wchar_t dir[1024];
    wcsncpy(dir, pid_file, 1023);
    dir[1023] = L'\0';
    wchar_t *slash = wcsrchr(dir, L'\\');
    if (slash != NULL)
        slash[1] = L'\0';
    HANDLE change = FindFirstChangeNotificationW(
        dir, FALSE, FILE_NOTIFY_CHANGE_FILE_NAME | FILE_NOTIFY_CHANGE_LAST_WRITE |
                        FILE_NOTIFY_CHANGE_SIZE);
    ULONGLONG until = GetTickCount64() + ms;
    DWORD pid = 0, backoff = 1;
    while (!names_new_living(pid_file, old, &pid)) {
        ULONGLONG now = GetTickCount64();
        if (now >= until) {
            pid = 0;
            break;
        }
        DWORD left = (DWORD)(until - now);
        DWORD nap = backoff < left ? backoff : left;
        if (change != INVALID_HANDLE_VALUE) {
            if (WaitForSingleObject(change, nap) == WAIT_OBJECT_0)
                FindNextChangeNotification(change);
        } else
            Sleep(nap);
        backoff = backoff < 16 ? backoff * 2 : 16;
    }
    if (change != INVALID_HANDLE_VALUE)
        FindCloseChangeNotification(change);
    return pid;
}
