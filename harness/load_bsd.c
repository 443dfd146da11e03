/* load_bsd.c: load.h through getloadavg(3), on macOS and FreeBSD (no
 * /proc there). */
#include "load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int dk_load(double *one, double *five)
{
    double l[2];
    if (getloadavg(l, 2) != 2)
        return errno = ENOSYS, -1;
    *one = l[0];
    *five = l[1];
    return 0;
}

const char *dk_load_text(char *buf, unsigned long size)
{
    double one, five;
    if (dk_load(&one, &five) < 0)
        snprintf(buf, size, "unknown");
    else
        snprintf(buf, size, "%.2f/%.2f", one, five);
    return buf;
}
