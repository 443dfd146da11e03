/* trace_filter_linux.c: the seccomp filter a traced launcher installs before exec, and the
 * table of the calls it stops on (trace_linux.h). */
#include "trace_linux.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The calls of interest. The legacy path calls exist on x86_64 only; the
 * table is data, so the architecture test stays out of the functions. */
const call_kind interesting[] = {
    {SYS_openat, "openat", K_AT_PATH},
    {SYS_newfstatat, "newfstatat", K_AT_PATH},
    {SYS_faccessat, "faccessat", K_AT_PATH},
    {SYS_faccessat2, "faccessat2", K_AT_PATH},
    {SYS_statx, "statx", K_AT_PATH},
    {SYS_linkat, "linkat", K_AT_PATH2},
    {SYS_renameat, "renameat", K_AT_PATH2},
    {SYS_renameat2, "renameat2", K_AT_PATH2},
    {SYS_unlinkat, "unlinkat", K_AT_PATH},
    {SYS_flock, "flock", K_LOCK},
    {SYS_fcntl, "fcntl", K_FCNTL},
    {SYS_setsid, "setsid", K_ALWAYS},
    {SYS_umask, "umask", K_ALWAYS},
    {SYS_chdir, "chdir", K_ALWAYS},
    {SYS_fchdir, "fchdir", K_ALWAYS},
    {SYS_close, "close", K_FD},
    {SYS_close_range, "close_range", K_ALWAYS},
    {SYS_dup3, "dup3", K_FD},
#ifdef SYS_open
    {SYS_open, "open", K_PATH},
    {SYS_creat, "creat", K_PATH},
    {SYS_stat, "stat", K_PATH},
    {SYS_lstat, "lstat", K_PATH},
    {SYS_access, "access", K_PATH},
    {SYS_link, "link", K_PATH2},
    {SYS_rename, "rename", K_PATH2},
    {SYS_unlink, "unlink", K_PATH},
    {SYS_dup2, "dup2", K_FD},
#endif
};
const size_t n_interesting = sizeof interesting / sizeof interesting[0];

void tr_build_filter(trace_session *t)
{
    struct sock_filter *f = t->filter;
    size_t n = 0, calls = N_INTERESTING;
    f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
                                          offsetof(struct seccomp_data, arch));
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
                                          TRACE_AUDIT_ARCH, 1, 0);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
                                          offsetof(struct seccomp_data, nr));
    /* Each test jumps to the TRACE at the end when equal. */
    for (size_t i = 0; i < calls; i++)
        f[n++] = (struct sock_filter)BPF_JUMP(
            BPF_JMP | BPF_JEQ | BPF_K, (unsigned)interesting[i].nr,
            (unsigned char)(calls - i), 0);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE);
    t->prog.len = (unsigned short)n;
    t->prog.filter = t->filter;
}

int tr_install_filter(const struct sock_fprog *prog)
{
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog) == 0)
        return 0;
    if (errno != EACCES)
        return -1;
    /* Without CAP_SYS_ADMIN a filter needs no_new_privs. */
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        return -1;
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, prog);
}
