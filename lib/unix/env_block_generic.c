/* env_block_generic.c: environ as POSIX declares it (FreeBSD and others).
 * No block is rewritten here (env_block_none.c). */
#include "steps.h"

#include <unistd.h>

char ***dk__environ(void)
{
    return &environ;
}
