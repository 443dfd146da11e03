/* load_linux.c: load.h from /proc/loadavg, which every Linux has (and
 * which getloadavg(3) would read anyway). */
#include "load.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int dk_load(double *one, double *five)
{
    char buf[128];
    int fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return errno = EIO, -1;
    buf[n] = '\0';
    if (sscanf(buf, "%lf %lf", one, five) != 2)
        return errno = EIO, -1;
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
