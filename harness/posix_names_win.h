/* posix_names_win.h: the few POSIX names the portable harness files and the
 * cases use that mingw-w64's C library lacks, for the native dkcheck.exe
 * only (mk/windows_dkcheck.mk force-includes it: -include). Declared here
 * and defined in posix_names_win.c, so that the shared files keep one
 * spelling and no #ifdef; the Linux build never sees this file. */
#ifndef DKCHECK_POSIX_NAMES_H
#define DKCHECK_POSIX_NAMES_H

#include <limits.h>
#include <stddef.h>

/* sandbox.h and user_groups.h name them; no case of the native build
 * changes users or groups. */
typedef unsigned int uid_t;
typedef unsigned int gid_t;

#ifndef PATH_MAX
#define PATH_MAX 260
#endif

/* run_config.c hands the run's configuration to Criterion's workers in
 * the environment, as on Unix (_putenv_s underneath). */
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
/* The full, final path of an existing file (GetFinalPathNameByHandleW:
 * links resolved, as realpath does), NULL with errno if none. resolved
 * holds PATH_MAX bytes, or NULL for a malloc'ed result. */
char *realpath(const char *path, char *resolved);
/* A string printed into new memory (cli.c, report_json.c). */
int asprintf(char **out, const char *fmt, ...)
    __attribute__((format(gnu_printf, 2, 3)));

#endif
