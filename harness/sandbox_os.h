/* sandbox_os.h: between sandbox_common.c, the sandbox.h calls the same on
 * every OS (its allocations, reading its files, the capabilities), and
 * each OS's own sandbox file: sandbox.c on Unix, sandbox_win.c in the
 * native dkcheck.exe. */
#ifndef DKCHECK_SANDBOX_OS_H
#define DKCHECK_SANDBOX_OS_H

#include <stdio.h>

/* ---- given by sandbox_common.c */
/* Free every sandbox_alloc of the case (at its close). */
void sandbox_free_all(void);

/* ---- given by each OS's file */
/* path opened to read as it is (no newline translation), not inherited
 * by a launch; NULL where it cannot be. */
FILE *sandbox_os_open_read(const char *path);

#endif
