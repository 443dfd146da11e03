/* observe_darwin.c: observe.h on macOS, over sysctl(KERN_PROC) and libproc
 * (proc_pidinfo, proc_pidfdinfo); the tree walk is observe_tree.c.
 *
 * What macOS does not show is "unobservable": the reader fails with errno
 * ENOTSUP and the case skips with the reason. That is so for
 * obs_read_status: the kernel shows no process's umask, and its
 * kinfo_proc carries the ignored and caught signal sets but not the
 * blocked mask of a thread nor what is pending for it, and obs_status
 * cannot say which of its fields are known.
 *
 * The parsers of observe.h read Linux's process files and exist in its
 * backend only.
 *
 * Flags: the kernel keeps a file's open flags as "fflags" (FREAD, FWRITE,
 * then the O_ bits in their own places); its own OFLAGS() turns them back
 * by subtracting one, which is what open_flags() does. close-on-exec lives
 * in the descriptor (PROC_FP_CLEXEC), not the file.
 */
#include "observe.h"
#include "observe_scan.h"
#include "sysctl_read.h"

#include <errno.h>
#include <fcntl.h>
#include <libproc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysctl.h>
#include <unistd.h>

/* ---- one process -------------------------------------------------------- */

static int kinfo_of(pid_t pid, struct kinfo_proc *kp)
{
    int mib[4] = { CTL_KERN, KERN_PROC, KERN_PROC_PID, (int)pid };
    size_t len = sizeof *kp;

    memset(kp, 0, sizeof *kp);
    if (sysctl(mib, 4, kp, &len, NULL, 0) != 0)
        return -1;
    if (len == 0) {             /* no such process: an empty answer */
        errno = ESRCH;
        return -1;
    }
    return 0;
}

/* Linux's state letters (obs_stat.state), which observe_tree.c reads. */
static char state_letter(int p_stat)
{
    switch (p_stat) {
    case SZOMB: return 'Z';
    case SSTOP: return 'T';
    case SSLEEP: return 'S';
    case SIDL: return 'I';
    default: return 'R';
    }
}

int obs_read_stat(pid_t pid, obs_stat *out)
{
    struct kinfo_proc kp;
    pid_t sid;

    if (kinfo_of(pid, &kp) != 0)
        return -1;
    /* kinfo_proc names the session by a kernel address only; getsid
     * answers for any process (a zombie's too: it says ESRCH then). */
    sid = getsid(pid);
    if (sid < 0 && kp.kp_proc.p_stat != SZOMB)
        return -1;
    out->pid = pid;
    out->state = state_letter(kp.kp_proc.p_stat);
    out->ppid = kp.kp_eproc.e_ppid;
    out->pgrp = kp.kp_eproc.e_pgid;
    out->sid = sid < 0 ? 0 : sid;
    out->tty_nr = kp.kp_eproc.e_tdev == NODEV ? 0 : (int)kp.kp_eproc.e_tdev;
    return 0;
}

int obs_read_status(pid_t pid, obs_status *out)
{
    struct kinfo_proc kp;

    (void)out;
    if (kinfo_of(pid, &kp) != 0)
        return -1;
    errno = ENOTSUP;            /* see the top of this file */
    return -1;
}

int obs_read_exe(pid_t pid, char *buf, size_t size)
{
    char path[PROC_PIDPATHINFO_MAXSIZE];

    if (proc_pidpath(pid, path, sizeof path) <= 0)
        return -1;              /* errno from libproc */
    if ((size_t)snprintf(buf, size, "%s", path) >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

int obs_read_cwd(pid_t pid, char *buf, size_t size)
{
    struct proc_vnodepathinfo vpi;
    int n = proc_pidinfo(pid, PROC_PIDVNODEPATHINFO, 0, &vpi, sizeof vpi);

    if (n <= 0)
        return -1;              /* errno from libproc: ESRCH, EPERM */
    if (n < (int)sizeof vpi) {
        errno = EIO;
        return -1;
    }
    if ((size_t)snprintf(buf, size, "%s", vpi.pvi_cdir.vip_path) >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

/* ---- its files ---------------------------------------------------------- */

static int open_flags(const struct proc_fileinfo *pfi)
{
    int flags = (int)pfi->fi_openflags - 1;

    if (pfi->fi_status & PROC_FP_CLEXEC)
        flags |= O_CLOEXEC;
    return flags;
}

/* Every flavour's answer starts with the proc_fileinfo. */
typedef union fd_answer {
    struct proc_fileinfo pfi;
    struct vnode_fdinfowithpath vnode;
    struct pipe_fdinfo pipe;
    struct socket_fdinfo socket;
    struct kqueue_fdinfo kqueue;
    struct psem_fdinfo psem;
    struct pshm_fdinfo pshm;
} fd_answer;

static int flavour_of(uint32_t fdtype, const char **kind)
{
    switch (fdtype) {
    case PROX_FDTYPE_VNODE: *kind = ""; return PROC_PIDFDVNODEPATHINFO;
    case PROX_FDTYPE_PIPE: *kind = "pipe"; return PROC_PIDFDPIPEINFO;
    case PROX_FDTYPE_SOCKET: *kind = "socket"; return PROC_PIDFDSOCKETINFO;
    case PROX_FDTYPE_KQUEUE: *kind = "kqueue"; return PROC_PIDFDKQUEUEINFO;
    case PROX_FDTYPE_PSEM: *kind = "psem"; return PROC_PIDFDPSEMINFO;
    case PROX_FDTYPE_PSHM: *kind = "pshm"; return PROC_PIDFDPSHMINFO;
    default: *kind = NULL; return -1;
    }
}

static int describe_fd(pid_t pid, int fd, uint32_t fdtype, obs_fd *out)
{
    const char *kind;
    int flavour = flavour_of(fdtype, &kind);
    fd_answer a;
    int n;

    out->fd = fd;
    if (flavour < 0) {          /* a type libproc does not describe */
        errno = ENOTSUP;
        return -1;
    }
    memset(&a, 0, sizeof a);
    n = proc_pidfdinfo(pid, fd, flavour, &a, sizeof a);
    if (n <= 0)
        return -1;              /* EBADF: no such fd */
    out->flags = open_flags(&a.pfi);
    /* Linux's words for what has no path: "pipe:[N]", "socket:[N]". */
    out->have_id = fdtype == PROX_FDTYPE_VNODE;
    out->dev = out->have_id ? (unsigned long long)a.vnode.pvip.vip_vi.vi_stat.vst_dev : 0;
    out->ino = out->have_id ? (unsigned long long)a.vnode.pvip.vip_vi.vi_stat.vst_ino : 0;
    if (fdtype == PROX_FDTYPE_VNODE)
        snprintf(out->target, sizeof out->target, "%s",
                 a.vnode.pvip.vip_path);
    else if (fdtype == PROX_FDTYPE_PIPE)
        snprintf(out->target, sizeof out->target, "pipe:[%llu]",
                 (unsigned long long)a.pipe.pipeinfo.pipe_handle);
    else if (fdtype == PROX_FDTYPE_SOCKET)
        snprintf(out->target, sizeof out->target, "socket:[%llu]",
                 (unsigned long long)a.socket.psi.soi_so);
    else
        snprintf(out->target, sizeof out->target, "anon_inode:[%s]", kind);
    return 0;
}

/* pid's descriptors from libproc; the count, or -1. */
static int list_fds(pid_t pid, struct proc_fdinfo **out)
{
    for (int tries = 0; tries < 4; tries++) {
        /* Asked without a buffer, it says how much it would need; a
         * process may open more before the second call, hence the slack
         * and the retry when the answer fills it. */
        int need = proc_pidinfo(pid, PROC_PIDLISTFDS, 0, NULL, 0);
        struct proc_fdinfo *v;
        int got;

        if (need <= 0)
            return -1;
        need += 32 * (int)sizeof *v;
        v = malloc((size_t)need);
        if (!v)
            return -1;
        got = proc_pidinfo(pid, PROC_PIDLISTFDS, 0, v, need);
        if (got <= 0) {
            free(v);
            return -1;
        }
        if (got < need) {
            *out = v;
            return got / (int)sizeof *v;
        }
        free(v);
    }
    errno = EAGAIN;
    return -1;
}

int obs_read_fd(pid_t pid, int fd, obs_fd *out)
{
    struct proc_fdinfo *v;
    int n = list_fds(pid, &v);

    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++)
        if (v[i].proc_fd == fd) {
            int r = describe_fd(pid, fd, v[i].proc_fdtype, out);
            free(v);
            return r;
        }
    free(v);
    errno = ENOENT;
    return -1;
}

static int cmp_fdinfo(const void *a, const void *b)
{
    int x = ((const struct proc_fdinfo *)a)->proc_fd;
    int y = ((const struct proc_fdinfo *)b)->proc_fd;
    return (x > y) - (x < y);
}

int obs_list_fds(pid_t pid, obs_fd *out, size_t max)
{
    struct proc_fdinfo *v;
    int n = list_fds(pid, &v);
    size_t count = 0;

    if (n < 0)
        return -1;
    qsort(v, (size_t)n, sizeof *v, cmp_fdinfo);
    static obs_fd scratch; /* past max: counted, not kept */
    for (int i = 0; i < n; i++) {
        if (describe_fd(pid, v[i].proc_fd, v[i].proc_fdtype,
                        count < max ? &out[count] : &scratch) == 0)
            count++;
        else if (errno != EBADF) {
            /* EBADF: closed since listed. */
            int e = errno;
            free(v);
            errno = e;
            return -1;
        }
    }
    free(v);
    return (int)count;
}

/* ---- for the run markers (observe_scan.h) -------------------------------- */

/* When pid started, in microseconds: with the PID, it names a process
 * uniquely (a PID alone may have been reused since). 0 if unknown. */
unsigned long long obs__start_time(pid_t pid)
{
    int mib[4] = { CTL_KERN, KERN_PROC, KERN_PROC_PID, (int)pid };
    struct kinfo_proc kp;
    size_t len = sizeof kp;

    if (sysctl(mib, 4, &kp, &len, NULL, 0) != 0 || len == 0)
        return 0;
    return (unsigned long long)kp.kp_proc.p_starttime.tv_sec * 1000000u +
           (unsigned long long)kp.kp_proc.p_starttime.tv_usec;
}

/* KERN_PROCARGS2 answers with argc, the executable's path, padding, argc
 * arguments, then the environment, each NUL-terminated. */
bool obs__env_has(pid_t pid, const char *entry)
{
    int mib[3] = { CTL_KERN, KERN_PROCARGS2, (int)pid };
    size_t len = 0;
    bool found = false;
    int argc;

    if (sysctl(mib, 3, NULL, &len, NULL, 0) != 0 || len <= sizeof argc)
        return false;
    char *buf = malloc(len), *end, *p;
    if (!buf || sysctl(mib, 3, buf, &len, NULL, 0) != 0) {
        free(buf);
        return false;
    }
    memcpy(&argc, buf, sizeof argc);
    p = buf + sizeof argc;
    end = buf + len;
    p = memchr(p, '\0', (size_t)(end - p));            /* past the path */
    while (p && p < end && *p == '\0')                 /* the padding */
        p++;
    for (int skip = argc; p && p < end && !found; skip--) {
        char *nul = memchr(p, '\0', (size_t)(end - p));
        if (!nul)
            break;
        found = skip <= 0 && strcmp(p, entry) == 0;
        p = nul + 1;
    }
    free(buf);
    return found;
}

/* ---- the process table -------------------------------------------------- */

static void from_kinfo(const void *entry, obs__proc *out)
{
    const struct kinfo_proc *k = entry;
    *out = (obs__proc){ k->kp_proc.p_pid, k->kp_eproc.e_ppid,
                    state_letter(k->kp_proc.p_stat) };
}

ssize_t obs__scan(obs__proc **out)
{
    int mib[4] = { CTL_KERN, KERN_PROC, KERN_PROC_ALL, 0 };
    return dk__sysctl_procs(mib, 4, sizeof(struct kinfo_proc), from_kinfo, out);
}

/* Not read here yet (kinfo_proc has the ids): P1 cases skip. */
int obs_read_ids(pid_t pid, obs_ids *out)
{
    (void)pid;
    (void)out;
    errno = ENOTSUP;
    return -1;
}

/* Every signal here is a program's to set. */
uint64_t obs_libc_signals(void)
{
    return 0;
}
