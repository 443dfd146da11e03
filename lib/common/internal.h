/* internal.h: what every OS's part of libdaemoniker shares.
 * Names start with dk__ ; none of this is public API. */
#ifndef DK_INTERNAL_H
#define DK_INTERNAL_H

#include "../daemoniker.h"

#include <stddef.h>

/* Fill err (if not NULL) and return status. fmt is the message after
 * "daemoniker: STEP: ". sys_errno, if not 0, is appended as ": strerror". */
dk_status dk__fail(dk_error *err, dk_status status, const char *step,
                   int sys_errno, const char *fmt, ...)
#if defined(__MINGW32__) /* built with mingw's C99 printf, not msvcrt's */
    __attribute__((format(gnu_printf, 5, 6)))
#elif defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Per OS: "/x" on Unix; "C:\x" or a UNC name "\\server\share" on Windows. */
bool dk__path_is_absolute(const char *path);

/* SU, SW4: run what fn stands for: nothing for DK_IGNORE_SIGNAL, the
 * default handler for DK_DEFAULT_SIGNAL, else fn itself, with signum. Its
 * own file, so a mutant can wrap it. */
void dk__signal_dispatch(int signum, dk_signal_fn fn);

/* A PID file holds decimal digits and one newline, nothing else (a missing
 * final newline is tolerated, as other writers omit it). 0 and *pid, or -1. */
int dk__pidfile_parse(const char *buf, size_t len, long *pid);

/* The ranges of fds to close: every fd in [first, last] except those in
 * keep (any order, duplicates and out-of-range entries allowed).  Writes at
 * most max ranges as pairs lo[i]..hi[i] and returns how many are needed. */
typedef struct dk_fd_range { int lo, hi; } dk_fd_range;
size_t dk__fd_ranges(const int *keep, size_t n_keep, int first, int last,
                     dk_fd_range *out, size_t max);

/* The limit of fds to close up to: the soft RLIMIT_NOFILE, or fallback when
 * it is unlimited or unknown.  Pure, for unit tests. */
long dk__fd_limit(long soft_limit, long fallback);

#endif
