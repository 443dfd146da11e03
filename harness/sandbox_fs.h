/* sandbox_fs.h: a case's sandbox as a file system of its own, bounded in
 * size and inodes, where the OS and the run allow it (Linux, in the run's
 * mount namespace: sandbox_fs_linux.c); elsewhere the sandbox is a plain
 * directory (sandbox_fs_none.c) and only the captured logs are bounded. */
#ifndef DKCHECK_SANDBOX_FS_H
#define DKCHECK_SANDBOX_FS_H

#include <stdbool.h>

/* Mount a tmpfs of bytes (and one inode per 4 KiB) on dir, mode 0700.
 * true if dir is now bounded. */
bool sandbox_fs_bound(const char *dir, unsigned long long bytes);
/* Undo it (after every process of the case is gone). */
void sandbox_fs_unbound(const char *dir);

#endif
