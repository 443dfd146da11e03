/* env_block_none.c: where no environment block is rewritten (macOS,
 * FreeBSD and others). Their kernels show others the block a process was
 * started with too (KERN_PROCARGS2, KERN_PROC_ENV); finding it from inside
 * is left undone, so there the daemon's environ is sanitized and that
 * block is not. Each OS's env_block_OS.c says where environ is. */
#include "steps.h"

int dk__env_block_rewrite(char *const *before, char **kept, bool *moved,
                          size_t n)
{
    (void)before;
    (void)kept;
    (void)moved;
    (void)n;
    return 0;
}
