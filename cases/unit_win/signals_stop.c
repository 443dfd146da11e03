/* unit-signals.exe: libdaemoniker's Windows signal object in one process,
 * for what the subject contract cannot reach: SW5's stop() (the PID file
 * names the daemon again, the sentinel is gone), idempotent stop, and a
 * handler replaced while running. Criterion does not build with mingw, so
 * this is a plain program: one line per check, "unit-signals: N passed,
 * N failed", exit 1 on a failure. Run under Wine by scripts/check.d. */
#include "../../lib/daemoniker.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static int passed, failed;
static HANDLE handled;
static volatile LONG last_signal;

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    ok ? passed++ : failed++;
}

static void on_signal(int signum)
{
    InterlockedExchange(&last_signal, signum);
    SetEvent(handled);
}

static void on_signal_replaced(int signum)
{
    InterlockedExchange(&last_signal, 1000 + signum);
    SetEvent(handled);
}

static DWORD named(const char *path)
{
    FILE *f = fopen(path, "r");
    unsigned long pid = 0;
    if (f != NULL) {
        if (fscanf(f, "%lu", &pid) != 1)
            pid = 0;
        fclose(f);
    }
    return (DWORD)pid;
}

/* End the named sentinel with code; wait for the handler and for the PID
 * file to name the next one. */
static DWORD signal_once(const char *path, UINT code)
{
    DWORD sentinel = named(path);
    HANDLE h = OpenProcess(PROCESS_TERMINATE, FALSE, sentinel);
    ResetEvent(handled);
    if (h == NULL || !TerminateProcess(h, code))
        return 0;
    CloseHandle(h);
    if (WaitForSingleObject(handled, 10000) != WAIT_OBJECT_0)
        return 0;
    for (ULONGLONG until = GetTickCount64() + 10000; GetTickCount64() < until;) {
        DWORD next = named(path);
        if (next != 0 && next != sentinel)
            return next;
        Sleep(1);
    }
    return 0;
}

int main(void)
{
    char path[MAX_PATH + 64], dir[MAX_PATH + 1];
    GetTempPathA(sizeof dir, dir);
    snprintf(path, sizeof path, "%sdk-unit-signals-%lu.pid", dir,
             (unsigned long)GetCurrentProcessId());
    handled = CreateEventW(NULL, TRUE, FALSE, NULL);
    DWORD self = GetCurrentProcessId();

    dk_error err;
    dk_signals *s;
    check(dk_signals_new(&s, path, on_signal, on_signal, on_signal, &err) == DK_OK,
          "new");
    check(dk_signals_start(s, &err) == DK_OK, "start");
    DWORD first = named(path);
    check(first != 0 && first != self, "SW3: the PID file names a sentinel");
    check(dk_signals_start(s, &err) == DK_ESTATE, "start twice is refused");

    DWORD second = signal_once(path, 15);
    check(second != 0 && last_signal == SIGTERM,
          "SW4: code 15 runs the handler with SIGTERM; SW5: a new sentinel");
    check(dk_signals_set(s, SIGINT, on_signal_replaced, &err) == DK_OK,
          "set while running");
    check(signal_once(path, 1) != 0 && last_signal == 1000 + SIGINT,
          "the replaced handler gets code 1 as SIGINT");

    DWORD sentinel = named(path);
    HANDLE h = OpenProcess(SYNCHRONIZE, FALSE, sentinel);
    check(dk_signals_stop(s, &err) == DK_OK, "stop");
    check(named(path) == self, "SW5: after stop the PID file names the daemon");
    check(h != NULL && WaitForSingleObject(h, 10000) == WAIT_OBJECT_0,
          "SW5: stop ends the sentinel");
    if (h != NULL)
        CloseHandle(h);
    check(dk_signals_stop(s, &err) == DK_OK, "stop is idempotent");
    check(dk_signals_set(s, 99, on_signal, &err) == DK_EINVAL,
          "set refuses a signal it does not handle");
    dk_signals_free(s);
    DeleteFileA(path);

    check(dk_signals_new(&s, "relative.pid", NULL, NULL, NULL, &err) == DK_EINVAL,
          "new refuses a relative PID file");
    printf("unit-signals: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
