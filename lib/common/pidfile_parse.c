#include "internal.h"

#include <limits.h>

int dk__pidfile_parse(const char *buf, size_t len, long *pid)
{
    if (buf == NULL || pid == NULL || len == 0)
        return -1;
    if (buf[len - 1] == '\n')
        len--;
    if (len == 0 || len > 10)
        return -1;
    long value = 0;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] < '0' || buf[i] > '9')
            return -1;
        value = value * 10 + (buf[i] - '0');
    }
    /* PID 0 and anything past pid_t are not processes one can signal. */
    if (value <= 0 || value > INT_MAX)
        return -1;
    *pid = value;
    return 0;
}
