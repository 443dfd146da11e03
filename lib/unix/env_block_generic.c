/* env_block_generic.c: where no environment block is rewritten (FreeBSD
 * and others). Their kernels show others the block a process was started
 * with too (KERN_PROC_ENV); finding it from inside is left undone, so
 * there the daemon's environ is sanitized and that block is not. */
#include "steps.h"

#include <unistd.h>

char ***dk__environ(void)
{
    return &environ;
}

int dk__env_block_rewrite(char *const *before, char **kept, bool *moved,
                          size_t n)
{
    (void)before;
    (void)kept;
    (void)moved;
    (void)n;
    return 0;
}
