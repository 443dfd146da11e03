/* env_block_generic.c: environ as POSIX defines it (FreeBSD and others).
 * No block is rewritten here (env_block_none.c). */
#include "steps.h"

/* POSIX defines environ but has no header declare it: glibc's unistd.h
 * does under _GNU_SOURCE, FreeBSD's never does, so we declare it. */
extern char **environ;

char ***dk__environ(void)
{
    return &environ;
}
