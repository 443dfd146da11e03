/* dkprobe: dkcheck's eyes on Windows processes, one command per run.
 *
 *   dkprobe ps                                pid ppid threads exe, per process
 *   dkprobe temp                              Windows' temporary directory
 *   dkprobe info PID [VAR]                    key value lines (see probe.h)
 *   dkprobe env [PID]                         PID's environment, or without
 *                                             PID the probe's own (what
 *                                             Wine made of the environment
 *                                             it was started with): "env
 *                                             NAME=VALUE" per entry, a
 *                                             value's line breaks as spaces;
 *                                             "unreadable" if it cannot be
 *                                             read
 *   dkprobe kill PID CODE                     TerminateProcess(PID, CODE)
 *   dkprobe wait PID MS                       "exit N", "timeout" or "gone"
 *   dkprobe signal PID CODE PIDFILE MS        kill, then wait until PIDFILE
 *                                             names another living process:
 *                                             "newpid N us T" or "timeout"
 *   dkprobe await PIDFILE OLDPID MS           wait until PIDFILE names a living
 *                                             process other than OLDPID:
 *                                             "newpid N" or "timeout"
 *   dkprobe idle                              "pid N" (its own), then sleeps
 *                                             until ended: a live process
 *                                             that is nobody's daemon
 *   dkprobe roundtrip PIDFILE CODE COUNT MS   COUNT times "signal" on what
 *                                             PIDFILE names: "us T newpid N"
 *
 * Each run under Wine costs a process start, so a command that waits does
 * its waiting here, for an event, with a deadline. Output is UTF-8; exit 0,
 * or 2 with a one-line reason on bad usage. */
#include "probe.h"

#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static const char *utf8(const wchar_t *s)
{
    static char buf[4][4096];
    static int next;
    char *out = buf[next++ % 4];
    if (WideCharToMultiByte(CP_UTF8, 0, s, -1, out, 4096, NULL, NULL) == 0)
        out[0] = '\0';
    return out;
}

static wchar_t *wide(const char *s)
{
    static wchar_t buf[2048];
    if (MultiByteToWideChar(CP_UTF8, 0, s, -1, buf, 2048) == 0)
        buf[0] = L'\0';
    return buf;
}

static DWORD number(const char *s, const char *what)
{
    char *end;
    unsigned long n = strtoul(s, &end, 10);
    if (*s == '\0' || *end != '\0') {
        fprintf(stderr, "dkprobe: %s: expected a number, got %s\n", what, s);
        exit(2);
    }
    return (DWORD)n;
}

static int ps(void)
{
    static probe_proc procs[4096];
    size_t n = probe_snapshot(procs, 4096);
    for (size_t i = 0; i < n && i < 4096; i++)
        printf("%lu %lu %lu %s\n", (unsigned long)procs[i].pid,
               (unsigned long)procs[i].ppid, (unsigned long)procs[i].threads,
               utf8(procs[i].exe));
    return 0;
}

static int info(DWORD pid, const char *var)
{
    static probe_info in;
    probe_read(pid, var ? wide(var) : NULL, &in);
    printf("found %d\nalive %d\n", in.found, in.alive);
    if (!in.found)
        return 0;
    if (!in.alive)
        printf("exit %lu\n", (unsigned long)in.exit_code);
    static probe_proc procs[4096];
    size_t n = probe_snapshot(procs, 4096);
    for (size_t i = 0; i < n && i < 4096; i++)
        if (procs[i].pid == pid)
            printf("ppid %lu\nthreads %lu\n", (unsigned long)procs[i].ppid,
                   (unsigned long)procs[i].threads);
    printf("image %s\n", utf8(in.image));
    if (!in.have_params)
        return 0;
    printf("cwd %s\ncmdline %s\nconsole %llu\nconsole_flags %lu\n", utf8(in.cwd),
           utf8(in.cmdline), (unsigned long long)in.console,
           (unsigned long)in.console_flags);
    static const char *names[3] = {"stdin", "stdout", "stderr"};
    for (int i = 0; i < 3; i++)
        printf("%s %s %s\n", names[i], in.std[i].type,
               in.std[i].path[0] ? utf8(in.std[i].path) : "-");
    if (in.has_var)
        printf("var %s\n", utf8(in.var_value));
    return 0;
}

/* Each entry of an environment block, as "env NAME=VALUE" lines. */
static int env(const wchar_t *block, bool readable)
{
    if (!readable) {
        printf("unreadable\n");
        return 0;
    }
    for (const wchar_t *e = block; *e; e += wcslen(e) + 1) {
        static char line[32768 * 3];
        if (WideCharToMultiByte(CP_UTF8, 0, e, -1, line, sizeof line, NULL, NULL) == 0)
            continue;
        for (char *c = line; *c; c++)
            if (*c == '\n' || *c == '\r')
                *c = ' ';
        printf("env %s\n", line);
    }
    return 0;
}

static int env_of(int argc, char **argv)
{
    static wchar_t block[32768];
    if (argc == 3)
        return env(block, probe_environment(number(argv[2], "PID"), block,
                                            sizeof block / sizeof block[0]) > 0);
    wchar_t *own = GetEnvironmentStringsW();
    int r = env(own, own != NULL);
    if (own != NULL)
        FreeEnvironmentStringsW(own);
    return r;
}

static int signal_once(DWORD pid, UINT code, const wchar_t *pid_file, DWORD ms)
{
    LARGE_INTEGER freq, t0, t1;
    QueryPerformanceFrequency(&freq);
    /* Held until the PID file changes: a PID is not reused while a handle
     * to its process is open, so the next sentinel cannot come back with
     * the old one's PID and look like no change at all. */
    HANDLE old = OpenProcess(SYNCHRONIZE, FALSE, pid);
    QueryPerformanceCounter(&t0);
    DWORD e = probe_terminate(pid, code);
    if (e != 0) {
        if (old != NULL)
            CloseHandle(old);
        printf("error %lu\n", (unsigned long)e);
        return 1;
    }
    DWORD next = probe_wait_pidfile_change(pid_file, pid, ms);
    QueryPerformanceCounter(&t1);
    if (old != NULL)
        CloseHandle(old);
    if (next == 0) {
        printf("timeout\n");
        return 1;
    }
    printf("newpid %lu us %lld\n", (unsigned long)next,
           (long long)((t1.QuadPart - t0.QuadPart) * 1000000 / freq.QuadPart));
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    /* "\n", not "\r\n": dkcheck reads this on Linux. */
    _setmode(_fileno(stdout), _O_BINARY);
    const char *cmd = argc > 1 ? argv[1] : "";
    if (strcmp(cmd, "ps") == 0 && argc == 2)
        return ps();
    if (strcmp(cmd, "temp") == 0 && argc == 2) {
        wchar_t dir[MAX_PATH + 1];
        if (GetTempPathW(MAX_PATH + 1, dir) == 0)
            return 1;
        printf("%s\n", utf8(dir));
        return 0;
    }
    if (strcmp(cmd, "info") == 0 && (argc == 3 || argc == 4))
        return info(number(argv[2], "PID"), argc == 4 ? argv[3] : NULL);
    if (strcmp(cmd, "env") == 0 && (argc == 2 || argc == 3))
        return env_of(argc, argv);
    if (strcmp(cmd, "kill") == 0 && argc == 4) {
        DWORD e = probe_terminate(number(argv[2], "PID"), number(argv[3], "CODE"));
        if (e != 0)
            printf("error %lu\n", (unsigned long)e);
        return e != 0;
    }
    if (strcmp(cmd, "endwait") == 0 && argc == 6) {
        DWORD code = 0;
        int r = probe_end_then_wait(number(argv[2], "SENTINEL"),
                                    number(argv[3], "CODE"),
                                    number(argv[4], "PID"),
                                    number(argv[5], "MS"), &code);
        if (r > 0)
            printf("exit %lu\n", (unsigned long)code);
        else
            printf(r == 0 ? "timeout\n" : r == -2 ? "error\n" : "gone\n");
        return 0;
    }
    if (strcmp(cmd, "wait") == 0 && argc == 4) {
        DWORD code = 0;
        int r = probe_wait_exit(number(argv[2], "PID"), number(argv[3], "MS"), &code);
        if (r > 0)
            printf("exit %lu\n", (unsigned long)code);
        else
            printf(r == 0 ? "timeout\n" : "gone\n");
        return 0;
    }
    if (strcmp(cmd, "signal") == 0 && argc == 6) {
        wchar_t pid_file[2048];
        wcscpy(pid_file, wide(argv[4]));
        signal_once(number(argv[2], "PID"), number(argv[3], "CODE"), pid_file,
                    number(argv[5], "MS"));
        return 0;
    }
    if (strcmp(cmd, "await") == 0 && argc == 5) {
        wchar_t pid_file[2048];
        wcscpy(pid_file, wide(argv[2]));
        DWORD next = probe_wait_pidfile_change(pid_file, number(argv[3], "OLDPID"),
                                               number(argv[4], "MS"));
        if (next != 0)
            printf("newpid %lu\n", (unsigned long)next);
        else
            printf("timeout\n");
        return 0;
    }
    if (strcmp(cmd, "idle") == 0 && argc == 2) {
        printf("pid %lu\n", (unsigned long)GetCurrentProcessId());
        fflush(stdout);
        Sleep(INFINITE);
        return 0;
    }
    if (strcmp(cmd, "roundtrip") == 0 && argc == 6) {
        wchar_t pid_file[2048];
        wcscpy(pid_file, wide(argv[2]));
        UINT code = number(argv[3], "CODE");
        DWORD count = number(argv[4], "COUNT"), ms = number(argv[5], "MS");
        for (DWORD i = 0; i < count; i++)
            if (signal_once(probe_pidfile(pid_file), code, pid_file, ms) != 0)
                break;
        return 0;
    }
    fprintf(stderr, "dkprobe: usage: dkprobe ps | temp | info PID [VAR] | env [PID]"
                    " | kill PID CODE"
                    " | wait PID MS | signal PID CODE PIDFILE MS | await PIDFILE OLDPID MS"
                    " | idle | roundtrip PIDFILE CODE COUNT MS\n");
    return 2;
}
