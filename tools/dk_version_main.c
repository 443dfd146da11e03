/* dk-version: print libdaemoniker's version, for the matrix's run_info. */
#include "../lib/daemoniker.h"

#include <stdio.h>

int main(void)
{
    puts(dk_version());
    return 0;
}
