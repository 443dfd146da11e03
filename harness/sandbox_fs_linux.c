/* sandbox_fs_linux.c: the sandbox as a tmpfs, only inside the run's own
 * mount namespace (DKCHECK_ISOLATION=pid-namespace): there it goes with
 * the namespace however the run ends; outside one, a mount left by a
 * killed run would outlive it in everyone's mount table. */
#include "sandbox_fs.h"

#include "run_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

bool sandbox_fs_bound(const char *dir, unsigned long long bytes)
{
    const char *iso = run_config()->isolation;
    if (iso == NULL || strcmp(iso, "pid-namespace") != 0 || bytes == 0)
        return false;
    unsigned long long inodes = bytes / 4096 < 1024 ? 1024 : bytes / 4096;
    char opts[96];
    snprintf(opts, sizeof opts, "mode=0700,size=%llu,nr_inodes=%llu", bytes,
             inodes);
    return mount("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, opts) == 0;
}

void sandbox_fs_unbound(const char *dir)
{
    umount2(dir, MNT_DETACH);
}
