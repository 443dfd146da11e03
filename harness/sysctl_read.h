/* sysctl_read.h: internal to the observe backends of macOS and FreeBSD
 * (sysctl_read_bsd.c). */
#ifndef DKCHECK_SYSCTL_READ_H
#define DKCHECK_SYSCTL_READ_H

#include "observe_scan.h"

#include <stddef.h>

/* The whole answer of sysctl(mib) whose size is not known beforehand (the
 * process table grows while we ask): malloc'd, its length in *len. NULL
 * with errno. */
void *dk__sysctl_read(int *mib, unsigned n, size_t *len);

/* The process table through sysctl(mib), whose entries are entry_size
 * bytes each (a struct kinfo_proc, which differs between the two systems:
 * convert reads one into an obs__proc). obs__scan's contract. */
ssize_t dk__sysctl_procs(int *mib, unsigned n, size_t entry_size,
                         void (*convert)(const void *entry, obs__proc *out),
                         obs__proc **out);

#endif
