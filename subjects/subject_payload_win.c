/* subject_payload_win.c: the payload of subject_payload.h on Windows. */
#include "subject_payload.h"

#include <stdio.h>
#include <string.h>
#include <windows.h>

/* No umask and no fds to shield on Windows; signals through a sentinel. */
const char subject_capabilities[] =
    "pidfile\nready\nchdir\nstdin\nstdout\nstderr\non\nsend\nreadiness\n"
    "sentinel\n";

/* The Windows error of announce's failing call. */
static DWORD failed_with;

static int widen(const char *s, wchar_t *out, int n)
{
    return MultiByteToWideChar(CP_UTF8, 0, s, -1, out, n) > 0 ? 0 : -1;
}

int subject_announce_ready(const char *ready_path)
{
    unsigned long pid = GetCurrentProcessId();
    printf("ready %lu\n", pid);
    fflush(stdout);
    fprintf(stderr, "ready %lu\n", pid);
    fflush(stderr);

    wchar_t path[1024], tmp[1100];
    if (widen(ready_path, path, 1024) < 0) {
        failed_with = ERROR_INVALID_NAME;
        fprintf(stderr, "subject: %s: bad ready path\n", ready_path);
        return -1;
    }
    _snwprintf(tmp, 1100, L"%ls.tmp.%lu", path, pid);
    tmp[1099] = L'\0';
    HANDLE h = CreateFileW(tmp, GENERIC_WRITE, 0, NULL, CREATE_NEW,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        failed_with = GetLastError();
        fprintf(stderr, "subject: %s: cannot create (error %lu)\n", ready_path,
                failed_with);
        return -1;
    }
    char line[32];
    int n = snprintf(line, sizeof line, "%lu\n", pid);
    DWORD wrote = 0;
    BOOL ok = WriteFile(h, line, (DWORD)n, &wrote, NULL) && wrote == (DWORD)n;
    ok = CloseHandle(h) && ok;
    /* The replacing move is atomic: a reader sees no file or the whole. */
    if (!ok || !MoveFileExW(tmp, path, MOVEFILE_REPLACE_EXISTING)) {
        failed_with = GetLastError();
        fprintf(stderr, "subject: %s: cannot write (error %lu)\n", ready_path,
                failed_with);
        DeleteFileW(tmp);
        return -1;
    }
    return 0;
}

const char *subject_announce_error(void)
{
    static char text[300];
    char why[256] = "";
    FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                   NULL, failed_with, 0, why, sizeof why, NULL);
    size_t n = strlen(why);
    while (n > 0 && strchr("\r\n .", why[n - 1]) != NULL)
        why[--n] = '\0';
    snprintf(text, sizeof text, "%s (error %lu)", why, (unsigned long)failed_with);
    return text;
}

void subject_log_signal(int signum)
{
    printf("signal %d\n", signum);
    fflush(stdout);
}

void subject_wait_forever(void)
{
    for (;;)
        Sleep(INFINITE);
}
