/* observe_freebsd.c: observe.h on FreeBSD, over sysctl(3) (KERN_PROC_PID,
 * KERN_PROC_PROC, KERN_PROC_UMASK, KERN_PROC_PATHNAME, KERN_PROC_ENV) and
 * libutil's kinfo_getproc(3) and kinfo_getfile(3) for one process and its
 * files; the tree walk is observe_tree.c. Link with -lutil (in the base
 * system, and in the FreeBSD 14 libc zig cross-links with; libprocstat is
 * in neither zig's nor every jail's, and wraps the same sysctls).
 *
 * Compiled and linked here for x86_64-freebsd with zig (make cross); run
 * only by the FreeBSD job of .github/workflows/matrix.yml.
 *
 * kinfo_file shows no close-on-exec flag, so obs_fd's flags never carry
 * O_CLOEXEC, which a case asking for it must know.
 */
#include "observe.h"
#include "observe_scan.h"
#include "sysctl_read.h"

/* sys/user.h needs the types sys/param.h brings (FreeBSD's convention). */
#include <sys/param.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <sys/user.h>

#include <errno.h>
#include <fcntl.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- one process -------------------------------------------------------- */

static int kinfo_of(pid_t pid, struct kinfo_proc *out)
{
    errno = 0;
    struct kinfo_proc *kp = kinfo_getproc(pid);
    if (!kp) {
        if (errno == 0)         /* an answer for another process, or none */
            errno = ESRCH;
        return -1;
    }
    *out = *kp;
    free(kp);
    return 0;
}

/* Linux's state letters (obs_stat.state), which observe_tree.c reads. */
static char state_letter(int ki_stat)
{
    switch (ki_stat) {
    case SZOMB: return 'Z';
    case SSTOP: return 'T';
    case SSLEEP: return 'S';
    case SIDL: return 'I';
    default: return 'R';        /* SRUN, SWAIT, SLOCK */
    }
}

int obs_read_stat(pid_t pid, obs_stat *out)
{
    struct kinfo_proc kp;

    if (kinfo_of(pid, &kp) != 0)
        return -1;
    out->pid = kp.ki_pid;
    out->state = state_letter(kp.ki_stat);
    out->ppid = kp.ki_ppid;
    out->pgrp = kp.ki_pgid;
    out->sid = kp.ki_sid;
    out->tty_nr = kp.ki_tdev == NODEV ? 0 : (int)kp.ki_tdev;
    return 0;
}

/* FreeBSD's sigset_t: signal n is bit n-1 of 32-bit words. */
static uint64_t mask_of(const sigset_t *s)
{
    return (uint64_t)s->__bits[0] | (uint64_t)s->__bits[1] << 32;
}

/* KERN_PROC_UMASK: -1 when it cannot be read (another user's process
 * without privilege). */
static int umask_of(pid_t pid)
{
    int mib[4] = { CTL_KERN, KERN_PROC, KERN_PROC_UMASK, (int)pid };
    unsigned short mask;
    size_t len = sizeof mask;

    return sysctl(mib, 4, &mask, &len, NULL, 0) == 0 && len == sizeof mask
               ? mask
               : -1;
}

int obs_read_status(pid_t pid, obs_status *out)
{
    struct kinfo_proc kp;

    if (kinfo_of(pid, &kp) != 0)
        return -1;
    /* KERN_PROC_PID without threads: the masks of its first thread. */
    out->sig_pending_thread = mask_of(&kp.ki_siglist);
    out->sig_pending_process = mask_of(&kp.ki_siglist);
    out->sig_blocked = mask_of(&kp.ki_sigmask);
    out->sig_ignored = mask_of(&kp.ki_sigignore);
    out->sig_caught = mask_of(&kp.ki_sigcatch);
    out->umask = umask_of(pid);
    return 0;
}

/* kinfo_proc has the credentials; the file-system ids are the effective
 * ones (FreeBSD has no others). Its group list is cut at KI_NGROUPS, and
 * says so: then the case cannot tell. */
int obs_read_ids(pid_t pid, obs_ids *out)
{
    struct kinfo_proc kp;

    if (kinfo_of(pid, &kp) != 0)
        return -1;
    if ((kp.ki_cr_flags & KI_CRF_GRP_OVERFLOW) || kp.ki_ngroups < 1 ||
        (size_t)kp.ki_ngroups > OBS_MAX_GROUPS) {
        errno = ENOTSUP;
        return -1;
    }
    *out = (obs_ids){
        .uid = { kp.ki_ruid, kp.ki_uid, kp.ki_svuid, kp.ki_uid },
        .gid = { kp.ki_rgid, kp.ki_groups[0], kp.ki_svgid, kp.ki_groups[0] },
        .n_groups = (size_t)kp.ki_ngroups,
    };
    /* As the kernel holds them: the effective group first (FreeBSD 14's
     * cr_groups[0]), then the supplementary ones; initgroups(3) sets them
     * all from getgrouplist(3), which lists the primary group too. */
    for (size_t i = 0; i < out->n_groups; i++)
        out->groups[i] = kp.ki_groups[i];
    return 0;
}

/* ---- its files ---------------------------------------------------------- */

static int open_flags(int kf_flags)
{
    int acc = (kf_flags & KF_FLAG_READ) && (kf_flags & KF_FLAG_WRITE)
                  ? O_RDWR
                  : (kf_flags & KF_FLAG_WRITE) ? O_WRONLY : O_RDONLY;

    return acc | (kf_flags & KF_FLAG_APPEND ? O_APPEND : 0) |
           (kf_flags & KF_FLAG_NONBLOCK ? O_NONBLOCK : 0) |
           (kf_flags & KF_FLAG_FSYNC ? O_SYNC : 0);
}

/* What it is open on, in Linux's words for what has no path
 * ("pipe:[N]", "socket:[N]"), N the kernel object's address, which both
 * ends of one pipe do not share but every descriptor of one end does. */
static void target_of(const struct kinfo_file *f, char *buf, size_t size)
{
    if (f->kf_path[0] != '\0')
        snprintf(buf, size, "%s", f->kf_path);
    else if (f->kf_type == KF_TYPE_PIPE)
        snprintf(buf, size, "pipe:[%llu]",
                 (unsigned long long)f->kf_un.kf_pipe.kf_pipe_addr);
    else if (f->kf_type == KF_TYPE_SOCKET)
        snprintf(buf, size, "socket:[%llu]",
                 (unsigned long long)f->kf_un.kf_sock.kf_sock_pcb);
    else
        snprintf(buf, size, "anon_inode:[type %d]", f->kf_type);
}

static void fd_of(const struct kinfo_file *f, obs_fd *out)
{
    out->fd = f->kf_fd;
    out->flags = open_flags(f->kf_flags);
    target_of(f, out->target, sizeof out->target);
    /* kf_file_fsid and kf_file_fileid are the va_fsid and va_fileid that
     * stat(2) reports as st_dev and st_ino. */
    out->have_id = f->kf_type == KF_TYPE_VNODE && (f->kf_status & KF_ATTR_VALID);
    out->dev = out->have_id ? f->kf_un.kf_file.kf_file_fsid : 0;
    out->ino = out->have_id ? f->kf_un.kf_file.kf_file_fileid : 0;
}

static int cmp_fd(const void *a, const void *b)
{
    int x = ((const obs_fd *)a)->fd, y = ((const obs_fd *)b)->fd;
    return (x > y) - (x < y);
}

/* Every descriptor of pid (want < 0), or only want; and the cwd into cwd
 * when not NULL. How many fds there are (up to max of them in out), or
 * -1. */
static int files_of(pid_t pid, int want, obs_fd *out, size_t max,
                    char *cwd, size_t cwd_size)
{
    int n = 0;
    size_t count = 0, total = 0;
    bool have_cwd = false;

    errno = 0;
    struct kinfo_file *files = kinfo_getfile(pid, &n);
    if (!files) {
        if (errno == 0)
            errno = ESRCH;
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const struct kinfo_file *f = &files[i];
        if (cwd && f->kf_fd == KF_FD_TYPE_CWD && f->kf_path[0] != '\0') {
            snprintf(cwd, cwd_size, "%s", f->kf_path);
            have_cwd = true;
        }
        if (f->kf_fd < 0 || (want >= 0 && f->kf_fd != want))
            continue;
        total++; /* past max too, for a caller to make room */
        if (count >= max)
            continue;
        fd_of(f, &out[count++]);
    }
    free(files);
    if (cwd && !have_cwd) {
        errno = ENOENT;
        return -1;
    }
    if (count > 1)
        qsort(out, count, sizeof *out, cmp_fd);
    return (int)total;
}

/* KERN_PROC_PATHNAME: the executable's path. */
int obs_read_exe(pid_t pid, char *buf, size_t size)
{
    int mib[4] = { CTL_KERN, KERN_PROC, KERN_PROC_PATHNAME, (int)pid };
    size_t len = size;

    return sysctl(mib, 4, buf, &len, NULL, 0) == 0 ? 0 : -1;
}

int obs_read_cwd(pid_t pid, char *buf, size_t size)
{
    return files_of(pid, -1, NULL, 0, buf, size) < 0 ? -1 : 0;
}

int obs_read_fd(pid_t pid, int fd, obs_fd *out)
{
    int n = files_of(pid, fd, out, 1, NULL, 0);

    if (n == 0)
        errno = ENOENT;
    return n == 1 ? 0 : -1;
}

int obs_list_fds(pid_t pid, obs_fd *out, size_t max)
{
    return files_of(pid, -1, out, max, NULL, 0);
}

/* ---- for the run markers (observe_scan.h) ------------------------------- */

unsigned long long obs__start_time(pid_t pid)
{
    struct kinfo_proc kp;

    if (kinfo_of(pid, &kp) != 0)
        return 0;
    return (unsigned long long)kp.ki_start.tv_sec * 1000000u +
           (unsigned long long)kp.ki_start.tv_usec;
}

/* KERN_PROC_ENV: the environment, each entry NUL-terminated. */
bool obs__env_has(pid_t pid, const char *entry)
{
    int mib[4] = { CTL_KERN, KERN_PROC, KERN_PROC_ENV, (int)pid };
    size_t len;
    bool found = false;
    char *buf = dk__sysctl_read(mib, 4, &len);

    for (char *p = buf, *end = buf + (buf ? len : 0); p < end && !found;) {
        char *nul = memchr(p, '\0', (size_t)(end - p));
        if (!nul)
            break;
        found = strcmp(p, entry) == 0;
        p = nul + 1;
    }
    free(buf);
    return found;
}

/* ---- the process table -------------------------------------------------- */

static void from_kinfo(const void *entry, obs__proc *out)
{
    const struct kinfo_proc *k = entry;
    *out = (obs__proc){ k->ki_pid, k->ki_ppid, state_letter(k->ki_stat) };
}

ssize_t obs__scan(obs__proc **out)
{
    int mib[3] = { CTL_KERN, KERN_PROC, KERN_PROC_PROC };
    return dk__sysctl_procs(mib, 3, sizeof(struct kinfo_proc), from_kinfo, out);
}

/* Every signal here is a program's to set. */
uint64_t obs_libc_signals(void)
{
    return 0;
}
