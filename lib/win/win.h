/* win.h: what the Windows part of libdaemoniker shares.
 *
 * Paths cross the public API as UTF-8 and are widened once, here; every
 * system call takes the wide form, so any path Windows accepts works. */
#ifndef DK_WIN_H
#define DK_WIN_H

#include "../common/internal.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

/* The environment variables that switch a process of the program into the
 * daemon (W5: the path of the saved state) or into a sentinel (SW2: the PID
 * of the daemon it stands for). */
#define DK_WIN_RELAUNCH_VAR L"DAEMONIKER_RELAUNCHED"
#define DK_WIN_SENTINEL_VAR L"DAEMONIKER_SENTINEL"
/* Beside the first: the launcher's pipe, for a daemon whose state is lost. */
#define DK_WIN_ACK_VAR L"DAEMONIKER_ACK"

/* Long enough for the paths we use (PID file, state file, executable). */
#define DK_WIN_PATH 1024

/* dk__fail with a Windows error code, whose system message is appended. */
dk_status dk__win_fail(dk_error *err, dk_status status, const char *step,
                       DWORD code, const char *fmt, ...)
#if defined(__MINGW32__) /* built with mingw's C99 printf, not msvcrt's */
    __attribute__((format(gnu_printf, 5, 6)))
#elif defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* UTF-8 to wide, and back. 0, or -1 if it does not fit or is not valid. */
int dk__win_widen(const char *s, wchar_t *out, size_t n);
int dk__win_narrow(const wchar_t *s, char *out, size_t n);

/* Bind a C stream (stdin, stdout, stderr) to fd, which is open. */
void dk__win_stream_rebind(FILE *stream, int fd);

/* "PID\n" written to path atomically (a file beside it, then a replacing
 * move), so a reader never sees it half-written. 0, or a Windows error. */
DWORD dk__win_pidfile_put(const wchar_t *path, DWORD pid);
/* The PID path names: 0 and *pid, or -1 (missing, unreadable, garbage),
 * GetLastError() then saying which (ERROR_INVALID_DATA: not a PID). */
int dk__win_pidfile_get(const wchar_t *path, DWORD *pid);
/* The file beside path that process `writer` writes before its move
 * (DK_WIN_PATH wide characters at most): 0, or -1 if it does not fit. */
int dk__win_pidfile_tmp(const wchar_t *path, DWORD writer, wchar_t *tmp);

/* send: pid (named in pid_file) is a live process of this program, a
 * daemon of ours or its sentinel; anything else is refused, saying why. */
dk_status dk__win_send_target_check(DWORD pid, const char *pid_file,
                                    dk_error *err);

/* End the children of process `ended` (which has ended) that it started. */
void dk__win_end_children(HANDLE ended);

#endif
