/* sys/resource.h for the native dkcheck.exe (mk/windows_dkcheck.mk puts
 * harness/win_include first on its include path): case_private.h names
 * rlim_t for H7's raised limit, which no case of the native build asks
 * for (case_launch_win.c refuses it). Windows has no resource limits of
 * that kind; only the type is given. */
#ifndef DKCHECK_WIN_SYS_RESOURCE_H
#define DKCHECK_WIN_SYS_RESOURCE_H

typedef unsigned long long rlim_t;

#endif
