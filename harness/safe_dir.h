/* safe_dir.h: open a directory named by a path in which another user may
 * have planted symlinks (a report's directory under /tmp, say).
 *
 * The walk follows a symlink only where the kernel's protected_symlinks
 * rule would let it, whatever that sysctl says here: a symlink that lies
 * in a sticky, world-writable directory is followed only when it is ours
 * or that directory owner's. Anyone else's there is refused: root would
 * otherwise write through a name a local user chose (SECURITY.md). */
#ifndef DKCHECK_SAFE_DIR_H
#define DKCHECK_SAFE_DIR_H

#include <stddef.h>

/* A descriptor (O_DIRECTORY, close-on-exec) of dir, or -1 with errno and
 * a reason in why ("passes through /tmp/d, a symlink of uid 1001 in a
 * shared directory"). */
int dk_open_dir_safely(const char *dir, char *why, size_t size);

#endif
