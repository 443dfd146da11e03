/* env_block_darwin.c: macOS, where a shared library reaches the
 * environment through _NSGetEnviron() (environ itself is the main
 * program's), and no block is rewritten: KERN_PROCARGS2 shows others the
 * block the process was started with; finding it from inside is left
 * undone, so the daemon's environ is sanitized and that block is not. */
#include "steps.h"

#include <crt_externs.h>

char ***dk__environ(void)
{
    return _NSGetEnviron();
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
