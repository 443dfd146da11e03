/* case_win32.c: case.h's Windows calls that differ in the native
 * dkcheck.exe from those under Wine (case_wine.c): no stranger yet, and
 * the state files listed in Windows' own temporary directory. The rest
 * is case_windows.c's. */
#include "case.h"

#include "native_win.h"
#include "run_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Not yet native: case_wine.c starts dkprobe.exe idle for it; no case
 * that needs one is compiled in. */
pid_t case_win_stranger(void)
{
    case_broken("no stranger process in the native dkcheck.exe yet");
}

const char *case_win_temp_states(void)
{
    wchar_t temp[MAX_PATH], pattern[MAX_PATH + 16];
    char *list = sandbox_alloc(1);
    DWORD n = GetTempPathW(MAX_PATH, temp);
    if (n == 0 || n >= MAX_PATH)
        return list;
    _snwprintf(pattern, MAX_PATH + 16, L"%lsdkstate-*", temp);
    pattern[MAX_PATH + 15] = L'\0';
    WIN32_FIND_DATAW f;
    HANDLE find = FindFirstFileW(pattern, &f);
    for (BOOL more = find != INVALID_HANDLE_VALUE; more; more = FindNextFileW(find, &f))
        list = sandbox_printf("%s%ls ", list, f.cFileName);
    if (find != INVALID_HANDLE_VALUE)
        FindClose(find);
    return list;
}

