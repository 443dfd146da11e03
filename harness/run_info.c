#include "run_info.h"

#include "../lib/daemoniker.h"
#include "run_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static char date[32];

/* glibc names its version through confstr; other libcs have no such name
 * (and the answer is then "unknown (not glibc)"). */
#ifdef _CS_GNU_LIBC_VERSION
static size_t libc_version(char *buf, size_t size)
{
    return confstr(_CS_GNU_LIBC_VERSION, buf, size);
}
#else
static size_t libc_version(char *buf, size_t size)
{
    (void)buf;
    (void)size;
    return 0;
}
#endif

void dk_run_info_begin(void)
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* PRETTY_NAME from os-release, else the kernel's name. */
static void os_name(char *out, size_t size, const char *fallback)
{
    snprintf(out, size, "%s", fallback);
    FILE *f = fopen("/etc/os-release", "re");
    if (f == NULL)
        f = fopen("/usr/lib/os-release", "re");
    if (f == NULL)
        return;
    char line[512];
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "PRETTY_NAME=", 12) == 0) {
            char *v = line + 12;
            v[strcspn(v, "\n")] = '\0';
            size_t n = strlen(v);
            if (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]) {
                v[n - 1] = '\0';
                v++;
            }
            snprintf(out, size, "%.*s", (int)(size - 1), v);
        }
    fclose(f);
}

static const char *or(const char *v, const char *none)
{
    return v ? v : none;
}

const dk_run_item *dk_run_info(void)
{
    static struct utsname u;
    static char os[256], libc[128], caps[1024];
    static dk_run_item info[16];
    if (info[0].name != NULL)
        return info;
    const dk_run_config *c = run_config();
    if (uname(&u) < 0)
        memset(&u, 0, sizeof u);
    os_name(os, sizeof os, u.sysname);
    char version[64];
    if (libc_version(version, sizeof version) > 0)
        snprintf(libc, sizeof libc, "%s", version); /* "glibc 2.36" */
    else
        snprintf(libc, sizeof libc, "unknown (not glibc)");
    snprintf(caps, sizeof caps, "%s", or(c->capabilities, ""));
    size_t n = strlen(caps);
    while (n > 0 && caps[n - 1] == ' ')
        caps[--n] = '\0';
    size_t i = 0;
    info[i++] = (dk_run_item){"dkcheck", DK_VERSION_STRING};
    info[i++] = (dk_run_item){"subject", or(c->subject, "")};
    info[i++] = (dk_run_item){"capabilities", caps};
    info[i++] = (dk_run_item){"profile", or(c->profile, "daemoniker")};
    info[i++] = (dk_run_item){"platform", or(c->platform, "unix")};
    info[i++] = (dk_run_item){"os", u.sysname};
    info[i++] = (dk_run_item){"os_name", os};
    info[i++] = (dk_run_item){"kernel", u.release};
    info[i++] = (dk_run_item){"arch", u.machine};
    info[i++] = (dk_run_item){"libc", libc};
    info[i++] = (dk_run_item){"isolation", or(c->isolation, "")};
    info[i++] = (dk_run_item){"timeout_mul", or(c->timeout_mul, "1")};
    /* The calibration launch deadlines grow with (wait.c). */
    info[i++] = (dk_run_item){"calibration_ms", or(c->calibration_ms, "")};
    info[i++] = (dk_run_item){"date", date};
    info[i] = (dk_run_item){NULL, NULL};
    return info;
}
