/* run_info_win.c: run_info.h in the native dkcheck.exe: the same items
 * as run_info.c's, the machine's from Windows (its version, from
 * RtlGetVersion, which no manifest bends; Wine answers as the Windows it
 * plays) instead of uname and os-release. */
#include "run_info.h"

#include "../lib/daemoniker.h"
#include "run_config.h"

#include <stdio.h>
#include <time.h>
#include <windows.h>

static char date[32];

void dk_run_info_begin(void)
{
    time_t now = time(NULL);
    struct tm *t = gmtime(&now);
    if (t != NULL)
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", t);
}

static const char *or(const char *s, const char *fallback)
{
    return s != NULL ? s : fallback;
}

const dk_run_item *dk_run_info(void)
{
    static dk_run_item info[16];
    static char version[64];
    typedef LONG(WINAPI * get_fn)(OSVERSIONINFOW *);
    OSVERSIONINFOW v = {.dwOSVersionInfoSize = sizeof v};
    get_fn get = (get_fn)(void (*)(void))GetProcAddress(
        GetModuleHandleW(L"ntdll.dll"), "RtlGetVersion");
    if (get != NULL && get(&v) == 0)
        snprintf(version, sizeof version, "%lu.%lu.%lu",
                 (unsigned long)v.dwMajorVersion, (unsigned long)v.dwMinorVersion,
                 (unsigned long)v.dwBuildNumber);
    const dk_run_config *c = run_config();
    size_t i = 0;
    info[i++] = (dk_run_item){"dkcheck", DK_VERSION_STRING};
    info[i++] = (dk_run_item){"subject", or(c->subject, "")};
    info[i++] = (dk_run_item){"capabilities", or(c->capabilities, "")};
    info[i++] = (dk_run_item){"profile", or(c->profile, "daemoniker")};
    info[i++] = (dk_run_item){"platform", or(c->platform, "windows")};
    info[i++] = (dk_run_item){"os", "Windows"};
    info[i++] = (dk_run_item){"kernel", version};
    info[i++] = (dk_run_item){"arch", "x86_64"};
    info[i++] = (dk_run_item){"isolation", or(c->isolation, "")};
    info[i++] = (dk_run_item){"timeout_mul", or(c->timeout_mul, "1")};
    info[i++] = (dk_run_item){"calibration_ms", or(c->calibration_ms, "")};
    info[i++] = (dk_run_item){"date", date};
    info[i] = (dk_run_item){NULL, NULL};
    return info;
}
