/* W10, launcher side: a named pipe the daemon answers on, then the wait for
 * its answer. The launcher exits 0 on "ok", 1 with the daemon's reason on
 * "err", and 1 when the daemon ends without a word or after success_timeout
 * (ending the daemon), leaving no PID file and no state file behind. */
#include "steps.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* A launcher launches one daemon: its end of the pipe lives here. */
static HANDLE listening = INVALID_HANDLE_VALUE;

dk_status dk__win_ack_listen(char *name, size_t n, dk_error *err)
{
    static LONG serial;
    snprintf(name, n, "\\\\.\\pipe\\daemoniker-%lu-%ld-%llu",
             (unsigned long)GetCurrentProcessId(),
             (long)InterlockedIncrement(&serial),
             (unsigned long long)GetTickCount64());
    wchar_t wide[256];
    dk__win_widen(name, wide, 256);
    /* FIRST_PIPE_INSTANCE: if someone squats on the name, we fail rather
     * than listen on their pipe. */
    listening = CreateNamedPipeW(
        wide, PIPE_ACCESS_INBOUND | FILE_FLAG_OVERLAPPED | FILE_FLAG_FIRST_PIPE_INSTANCE,
        PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS,
        1, 0, DK_ERROR_MAX + 64, 0, NULL);
    if (listening == INVALID_HANDLE_VALUE)
        return dk__win_fail(err, DK_ESYS, "W10", GetLastError(),
                            "%s: cannot create the acknowledgement pipe", name);
    return DK_OK;
}

static void launcher_exit(int status, const char *message)
    __attribute__((noreturn));
static void launcher_exit(int status, const char *message)
{
    fflush(NULL);
    if (message != NULL)
        fprintf(stderr, "%s\n", message);
    fflush(stderr);
    /* Not exit(): the launcher runs none of the caller's exit handlers. */
    _exit(status);
}

/* Whether pid ends within ms (a sentinel ends with its daemon), or is
 * already gone. */
static bool ends_soon(DWORD pid, DWORD ms)
{
    HANDLE h = OpenProcess(SYNCHRONIZE, FALSE, pid);
    if (h == NULL)
        return GetLastError() == ERROR_INVALID_PARAMETER;
    bool ended = WaitForSingleObject(h, ms) == WAIT_OBJECT_0;
    CloseHandle(h);
    return ended;
}

/* The daemon failed: what it would have cleaned up is ours to remove, the
 * PID file only if it is empty or names that daemon, or, once we ended the
 * daemon, a process that ends with it (its sentinel). */
static void leave_nothing(HANDLE daemon, const wchar_t *pid_file,
                          const wchar_t *state_file, bool end_it)
{
    if (end_it) {
        TerminateProcess(daemon, 1);
        if (WaitForSingleObject(daemon, 5000) == WAIT_OBJECT_0)
            dk__win_end_children(daemon);
        /* Ended while writing the PID file, it leaves the file beside. */
        wchar_t tmp[DK_WIN_PATH];
        if (dk__win_pidfile_tmp(pid_file, GetProcessId(daemon), tmp) == 0)
            DeleteFileW(tmp);
    }
    DWORD named;
    if (dk__win_pidfile_get(pid_file, &named) < 0 ||
        named == GetProcessId(daemon) || (end_it && ends_soon(named, 2000)))
        DeleteFileW(pid_file);
    DeleteFileW(state_file);
}

/* The daemon closed its end (it exited, or wrote nothing). */
static bool closed(DWORD code)
{
    return code == ERROR_BROKEN_PIPE || code == ERROR_PIPE_NOT_CONNECTED;
}

static DWORD ms_left(ULONGLONG until)
{
    ULONGLONG now = GetTickCount64();
    return now >= until ? 0 : (DWORD)(until - now);
}

/* Wait for an overlapped operation, or the daemon's end when daemon is not
 * NULL. WAIT_OBJECT_0: done; WAIT_OBJECT_0 + 1: the daemon ended first. */
static DWORD await(OVERLAPPED *ov, HANDLE daemon, ULONGLONG until)
{
    HANDLE both[2] = {ov->hEvent, daemon};
    return WaitForMultipleObjects(daemon ? 2 : 1, both, FALSE, ms_left(until));
}

/* Why the launcher itself could not listen: its call and the error. */
struct listen_failure {
    const char *call;
    DWORD code;
};

/* Accept the daemon's connection and read until a newline, the daemon's
 * end (it closed the pipe), the deadline or a failure of our own. The
 * result of the last wait: WAIT_OBJECT_0 when it connected. */
static DWORD hear(HANDLE daemon, OVERLAPPED *ov, ULONGLONG until, char *buf,
                  size_t size, size_t *len, struct listen_failure *failed)
{
    DWORD r = WAIT_OBJECT_0;
    if (!ConnectNamedPipe(listening, ov)) {
        DWORD code = GetLastError();
        if (code == ERROR_IO_PENDING)
            r = await(ov, daemon, until);
        else if (code != ERROR_PIPE_CONNECTED)
            failed->call = "ConnectNamedPipe", failed->code = code, r = WAIT_FAILED;
        if (r == WAIT_FAILED && failed->call == NULL)
            failed->call = "WaitForMultipleObjects", failed->code = GetLastError();
    }
    while (r == WAIT_OBJECT_0 && *len < size - 1 &&
           memchr(buf, '\n', *len) == NULL) {
        DWORD got = 0;
        ResetEvent(ov->hEvent);
        if (!ReadFile(listening, buf + *len, (DWORD)(size - 1 - *len), &got, ov)) {
            DWORD code = GetLastError();
            if (code != ERROR_IO_PENDING) {
                if (!closed(code))
                    failed->call = "ReadFile", failed->code = code;
                break;
            }
            /* The daemon may have written and exited: the data is in the
             * pipe, so only the deadline bounds this read. */
            r = await(ov, NULL, until);
            if (r == WAIT_FAILED)
                failed->call = "WaitForMultipleObjects", failed->code = GetLastError();
            if (r != WAIT_OBJECT_0)
                break;
            if (!GetOverlappedResult(listening, ov, &got, FALSE)) {
                code = GetLastError();
                if (!closed(code))
                    failed->call = "GetOverlappedResult", failed->code = code;
                break;
            }
        }
        if (got == 0)
            break;
        *len += got;
    }
    return r;
}

void dk__win_launcher_wait(HANDLE daemon, double timeout,
                           const wchar_t *pid_file, const wchar_t *state_file)
{
    char message[DK_ERROR_MAX + 128];
    ULONGLONG until = GetTickCount64() + (ULONGLONG)(timeout * 1000);
    OVERLAPPED ov;
    memset(&ov, 0, sizeof ov);
    ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);

    struct listen_failure failed = {NULL, 0};
    DWORD r = WAIT_FAILED;
    char buf[DK_ERROR_MAX + 64] = {0};
    size_t len = 0;
    if (ov.hEvent == NULL)
        failed.call = "CreateEvent", failed.code = GetLastError();
    /* A daemon whose "ok" did not get through says why on a second
     * connection (dk_not_ready): while it runs, listen again. */
    for (int connection = 0; connection < 3 && failed.call == NULL; connection++) {
        len = 0;
        memset(buf, 0, sizeof buf);
        r = hear(daemon, &ov, until, buf, sizeof buf, &len, &failed);
        if (r != WAIT_OBJECT_0 || memchr(buf, '\n', len) != NULL ||
            failed.call != NULL ||
            WaitForSingleObject(daemon, 0) != WAIT_TIMEOUT)
            break;
        DisconnectNamedPipe(listening);
    }
    const char *failed_call = failed.call;
    DWORD failed_code = failed.code;
    buf[len] = '\0';
    char *nl = strchr(buf, '\n');
    if (nl != NULL) {
        *nl = '\0';
        if (strcmp(buf, "ok") == 0)
            launcher_exit(0, NULL);
        if (strncmp(buf, "err ", 4) == 0) {
            leave_nothing(daemon, pid_file, state_file, false);
            launcher_exit(1, buf + 4);
        }
    }
    DWORD pid = GetProcessId(daemon);
    if (failed_call != NULL) {
        /* The launcher cannot hear the daemon: it ends it, as on a
         * timeout, and says why. */
        leave_nothing(daemon, pid_file, state_file, true);
        dk_error err;
        dk__win_fail(&err, DK_ESYS, "W10", failed_code,
                     "%s: cannot wait for daemon %lu's answer", failed_call,
                     (unsigned long)pid);
        launcher_exit(1, err.message);
    }
    if (r == WAIT_TIMEOUT) {
        leave_nothing(daemon, pid_file, state_file, true);
        snprintf(message, sizeof message,
                 "daemoniker: W10: daemon %lu did not acknowledge within %gs",
                 (unsigned long)pid, timeout);
    } else {
        leave_nothing(daemon, pid_file, state_file, true);
        DWORD code = 0;
        GetExitCodeProcess(daemon, &code);
        snprintf(message, sizeof message,
                 "daemoniker: W10: daemon %lu ended (exit code %lu) without "
                 "acknowledging",
                 (unsigned long)pid, (unsigned long)code);
    }
    launcher_exit(1, message);
}

void dk__win_ack_close(void)
{
    if (listening != INVALID_HANDLE_VALUE)
        CloseHandle(listening);
    listening = INVALID_HANDLE_VALUE;
}
