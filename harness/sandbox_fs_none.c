/* sandbox_fs_none.c: no per-case file system here (macOS, FreeBSD: no
 * mount namespace for the run); the sandbox is a plain directory. */
#include "sandbox_fs.h"

bool sandbox_fs_bound(const char *dir, unsigned long long bytes)
{
    (void)dir;
    (void)bytes;
    return false;
}

void sandbox_fs_unbound(const char *dir)
{
    (void)dir;
}
