/* A launcher that ends a daemon it cannot hear ends what that daemon had
 * started too: its first sentinel, which may be starting at that moment.
 * Ending a process does not end its children on Windows, and a sentinel
 * whose daemon dies while creating it (under Wine, one caught half-way
 * through its start) waits for ever.
 *
 * The daemon has ended when this runs, so it starts nothing more, and the
 * launcher's handle keeps its PID from being reused: a process naming it
 * as parent and created after it is its child. */
#include "win.h"

#include <tlhelp32.h>

/* Whether process h was created at or after `after`. */
static bool created_since(HANDLE h, const FILETIME *after)
{
    FILETIME created, exited, kernel, user;
    return GetProcessTimes(h, &created, &exited, &kernel, &user) &&
           CompareFileTime(&created, after) >= 0;
}

void dk__win_end_children(HANDLE ended)
{
    FILETIME born, exited, kernel, user;
    if (!GetProcessTimes(ended, &born, &exited, &kernel, &user))
        return;
    DWORD parent = GetProcessId(ended);
    HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPPROCESS, 0);
    if (snap == INVALID_HANDLE_VALUE)
        return;
    PROCESSENTRY32W entry;
    entry.dwSize = sizeof entry;
    for (BOOL more = Process32FirstW(snap, &entry); more;
         more = Process32NextW(snap, &entry)) {
        if (entry.th32ParentProcessID != parent)
            continue;
        HANDLE child = OpenProcess(PROCESS_TERMINATE | SYNCHRONIZE |
                                       PROCESS_QUERY_LIMITED_INFORMATION,
                                   FALSE, entry.th32ProcessID);
        if (child == NULL)
            continue;
        if (created_since(child, &born)) {
            TerminateProcess(child, 1);
            WaitForSingleObject(child, 2000);
        }
        CloseHandle(child);
    }
    CloseHandle(snap);
}
