/* run_info_unix.c: run_info_os.h on Unix: uname(2), os-release and
 * glibc's confstr. */
#include "run_info_os.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

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

dk_run_machine dk_run_machine_read(void)
{
    static struct utsname u;
    static char os[256], libc[128];
    if (uname(&u) < 0)
        memset(&u, 0, sizeof u);
    os_name(os, sizeof os, u.sysname);
    char version[64];
    if (libc_version(version, sizeof version) > 0)
        snprintf(libc, sizeof libc, "%s", version); /* "glibc 2.36" */
    else
        snprintf(libc, sizeof libc, "unknown (not glibc)");
    return (dk_run_machine){.platform = "unix", .os = u.sysname, .os_name = os,
                            .kernel = u.release, .arch = u.machine,
                            .libc = libc};
}
