/* quiet_win32.c: native_win.h's quiet window, the native dkcheck.exe's
 * evidence that a case's processes wait for nothing.
 *
 * Windows shows no "running" or "asleep" for another process's thread that
 * one look could read (Wine's /proc stands in for it when Linux drives the
 * run). What it shows is the processor time charged to each thread
 * (GetThreadTimes, kernel plus user). Time charged in a window means
 * something ran; none, for every thread of every process of the case, at
 * both ends of a window as long as a starved thread would wait for a
 * processor, means nothing did. The clock counts in ticks (about 16 ms on
 * Windows, 10 ms under Wine), so a thread that ran for less than one tick
 * in the whole window can be missed: that is why the window is seconds,
 * not one tick. */
#include "native_win.h"

#include <tlhelp32.h>

static unsigned long long hundreds_of_ns(FILETIME t)
{
    return (unsigned long long)t.dwHighDateTime << 32 | t.dwLowDateTime;
}

/* The processor time charged so far to every thread of the n processes,
 * in 100 ns units, and how many threads were read; false when a thread
 * could not be read (then nothing is claimed). */
static bool charged(const pid_t *living, size_t n, unsigned long long *sum,
                    size_t *threads)
{
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
    if (snap == INVALID_HANDLE_VALUE)
        return false;
    THREADENTRY32 te = {.dwSize = sizeof te};
    bool ok = true;
    *sum = 0;
    *threads = 0;
    for (BOOL more = Thread32First(snap, &te); more && ok;
         more = Thread32Next(snap, &te)) {
        bool of_case = false;
        for (size_t i = 0; i < n && !of_case; i++)
            of_case = (DWORD)living[i] == te.th32OwnerProcessID;
        if (!of_case)
            continue;
        HANDLE t = OpenThread(THREAD_QUERY_LIMITED_INFORMATION, FALSE,
                              te.th32ThreadID);
        FILETIME created, ended, kernel, user;
        if (t == NULL)
            continue; /* ended since the snapshot */
        ok = GetThreadTimes(t, &created, &ended, &kernel, &user) != 0;
        CloseHandle(t);
        if (ok) {
            *sum += hundreds_of_ns(kernel) + hundreds_of_ns(user);
            (*threads)++;
        }
    }
    CloseHandle(snap);
    return ok;
}

bool dk_win_quiet(const pid_t *living, size_t n, double window)
{
    unsigned long long before, after;
    size_t threads_before, threads_after;
    if (!charged(living, n, &before, &threads_before) || threads_before == 0)
        return false;
    /* The window itself is the measurement: there is no event to wait
     * for when the question is whether anything happens. */
    Sleep((DWORD)(window * 1000));
    if (!charged(living, n, &after, &threads_after))
        return false;
    return after == before && threads_after == threads_before;
}
