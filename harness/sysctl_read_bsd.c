/* sysctl_read_bsd.c: sysctl_read.h, the same on macOS and FreeBSD. */
#include "sysctl_read.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/sysctl.h>

void *dk__sysctl_read(int *mib, unsigned n, size_t *len)
{
    for (int tries = 0; tries < 4; tries++) {
        void *buf;

        *len = 0;
        if (sysctl(mib, n, NULL, len, NULL, 0) != 0)
            return NULL;
        *len += *len / 8 + 64;  /* room for what appears meanwhile */
        buf = malloc(*len);
        if (!buf)
            return NULL;
        if (sysctl(mib, n, buf, len, NULL, 0) == 0)
            return buf;
        free(buf);
        if (errno != ENOMEM)
            return NULL;
        /* It grew past the slack: ask again. */
    }
    errno = EAGAIN;
    return NULL;
}

ssize_t dk__sysctl_procs(int *mib, unsigned n, size_t entry_size,
                         void (*convert)(const void *entry, obs__proc *out),
                         obs__proc **out)
{
    size_t len;
    unsigned char *table = dk__sysctl_read(mib, n, &len);
    if (!table)
        return -1;
    size_t count = len / entry_size;
    obs__proc *v = malloc((count + 1) * sizeof *v);
    if (!v) {
        free(table);
        return -1;
    }
    for (size_t i = 0; i < count; i++)
        convert(table + i * entry_size, &v[i]);
    free(table);
    *out = v;
    return (ssize_t)count;
}
