/* sysctl_read.h: internal to the observe backends of macOS and FreeBSD
 * (sysctl_read_bsd.c). */
#ifndef DKCHECK_SYSCTL_READ_H
#define DKCHECK_SYSCTL_READ_H

#include <stddef.h>

/* The whole answer of sysctl(mib) whose size is not known beforehand (the
 * process table grows while we ask): malloc'd, its length in *len. NULL
 * with errno. */
void *dk__sysctl_read(int *mib, unsigned n, size_t *len);

#endif
