/* run_info_win.c: run_info_os.h in the native dkcheck.exe: the machine
 * from Windows (its version from RtlGetVersion, which no manifest bends;
 * Wine answers as the Windows it plays) instead of uname and os-release. */
#include "run_info_os.h"

#include <stdio.h>
#include <windows.h>

dk_run_machine dk_run_machine_read(void)
{
    static char version[64], name[96];
    typedef LONG(WINAPI * get_fn)(OSVERSIONINFOW *);
    OSVERSIONINFOW v = {.dwOSVersionInfoSize = sizeof v};
    get_fn get = (get_fn)(void (*)(void))GetProcAddress(
        GetModuleHandleW(L"ntdll.dll"), "RtlGetVersion");
    if (get != NULL && get(&v) == 0)
        snprintf(version, sizeof version, "%lu.%lu.%lu",
                 (unsigned long)v.dwMajorVersion, (unsigned long)v.dwMinorVersion,
                 (unsigned long)v.dwBuildNumber);
    snprintf(name, sizeof name, "Windows %s", version);
    /* mingw-w64's C runtime, linked static (mk/windows_dkcheck.mk). */
    return (dk_run_machine){.platform = "windows", .os = "Windows",
                            .os_name = name, .kernel = version,
                            .arch = "x86_64", .libc = "mingw-w64"};
}
