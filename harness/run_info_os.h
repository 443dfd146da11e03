/* run_info_os.h: the machine's part of run_info.h, one file per OS:
 * run_info_unix.c (uname, os-release, confstr), run_info_win.c
 * (RtlGetVersion). run_info.c makes the items of them, once for both. */
#ifndef DKCHECK_RUN_INFO_OS_H
#define DKCHECK_RUN_INFO_OS_H

typedef struct dk_run_machine {
    const char *platform;   /* the subject's platform unless the run says */
    const char *os, *os_name, *kernel, *arch, *libc;
} dk_run_machine;

/* The machine's items, read once (static strings). */
dk_run_machine dk_run_machine_read(void);

#endif
