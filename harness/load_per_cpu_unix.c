/* load_per_cpu_unix.c: load.h's load per processor on every Unix, from
 * the OS's load averages (load_linux.c, load_bsd.c) and sysconf. */
#include "load.h"

#include <unistd.h>

double dk_load_per_cpu(void)
{
    double one, five;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (dk_load(&one, &five) < 0 || cpus < 1)
        return 1;
    return (one > five ? one : five) / (double)cpus;
}
