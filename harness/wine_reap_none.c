/* wine_reap_none.c: wine_reap.h where dkcheck does not run Windows
 * subjects under Wine (macOS, FreeBSD: the Windows side is tried on Linux
 * only). The marker is still written, so a run directory looks the same
 * everywhere; there is no Wine server of ours to keep or remove. */
#include "wine_reap.h"

#include <limits.h>
#include <stdio.h>

#define PREFIX_MARKER "wine-prefix"

int dk_wine_mark_run(const char *run_dir, const char *prefix)
{
    char path[PATH_MAX + sizeof PREFIX_MARKER + 1];
    snprintf(path, sizeof path, "%s/" PREFIX_MARKER, run_dir);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    fputs(prefix, f);
    return fclose(f);
}

bool dk_wine_own_process(pid_t pid)
{
    (void)pid;
    return false;
}

bool dk_wine_serves_others(pid_t pid, const char *run_dir)
{
    (void)pid;
    (void)run_dir;
    return false;
}

void dk_wine_remove_server_dir(const char *prefix)
{
    (void)prefix;
}

void dk_wine_reap(int runfd)
{
    (void)runfd;
}
