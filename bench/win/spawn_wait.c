/* spawn_wait.c: the bare Windows process round trip, make bench's yardstick
 * for the sentinel signal round trip (section 5): CreateProcess of this
 * program with "child" (which returns at once) and a wait for its end,
 * COUNT times; one line per round trip, its microseconds, timed with
 * QueryPerformanceCounter.
 *
 *   spawn-wait.exe COUNT */
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "child") == 0)
        return 0;
    long count = argc == 2 ? strtol(argv[1], NULL, 10) : 0;
    if (count <= 0) {
        fprintf(stderr, "spawn-wait: usage: spawn-wait.exe COUNT\n");
        return 2;
    }
    char self[MAX_PATH];
    DWORD len = GetModuleFileNameA(NULL, self, sizeof self);
    if (len == 0 || len >= sizeof self) {
        fprintf(stderr, "spawn-wait: GetModuleFileName failed\n");
        return 1;
    }
    char cmdline[MAX_PATH + 16];
    snprintf(cmdline, sizeof cmdline, "\"%s\" child", self);
    LARGE_INTEGER freq, t0, t1;
    QueryPerformanceFrequency(&freq);
    for (long i = 0; i < count; i++) {
        STARTUPINFOA si = {.cb = sizeof si};
        PROCESS_INFORMATION pi;
        QueryPerformanceCounter(&t0);
        if (!CreateProcessA(self, cmdline, NULL, NULL, FALSE, 0, NULL, NULL,
                            &si, &pi)) {
            fprintf(stderr, "spawn-wait: CreateProcess failed (%lu)\n",
                    (unsigned long)GetLastError());
            return 1;
        }
        WaitForSingleObject(pi.hProcess, INFINITE);
        QueryPerformanceCounter(&t1);
        CloseHandle(pi.hThread);
        CloseHandle(pi.hProcess);
        printf("%.0f\n", (double)(t1.QuadPart - t0.QuadPart) * 1e6 /
                             (double)freq.QuadPart);
    }
    return 0;
}
