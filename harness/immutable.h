/* immutable.h: make a directory immutable, so that even root cannot
 * create a file in it (the H8 case of a PID file in an unwritable
 * directory runs as root, whom permission bits do not stop). Linux: the
 * file system's immutable flag (chattr +i, FS_IOC_SETFLAGS); macOS and the
 * BSDs: chflags(2)'s system immutable flag. */
#ifndef DKCHECK_IMMUTABLE_H
#define DKCHECK_IMMUTABLE_H

#include <stdbool.h>

/* Set or clear the flag on dir. 0, or -1 with errno (a file system
 * without the flag: ENOTTY or EOPNOTSUPP). */
int dk_set_immutable(const char *dir, bool on);

/* Clear the immutable and append-only flags of the file open at fd, where
 * set (a directory a case made immutable and a killed worker never opened
 * up again, which nothing could then remove). 0 when none is left set;
 * -1 with errno (ENOTTY or EOPNOTSUPP: a file system without flags). */
int dk_clear_locked_fd(int fd);

#endif
