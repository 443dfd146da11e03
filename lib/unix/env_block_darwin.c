/* env_block_darwin.c: macOS, where a shared library reaches the
 * environment through _NSGetEnviron() (environ itself is the main
 * program's). No block is rewritten here (env_block_none.c). */
#include "steps.h"

#include <crt_externs.h>

char ***dk__environ(void)
{
    return _NSGetEnviron();
}
