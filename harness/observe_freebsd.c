/* observe_freebsd.c: observe.h on FreeBSD, over sysctl(KERN_PROC_PID,
 * KERN_PROC_PROC, KERN_PROC_ENV) and libprocstat for files, cwd and umask;
 * the tree walk is observe_tree.c.
 *
 * NOT COMPILED HERE: written against FreeBSD's documented interfaces
 * (sysctl(3), <sys/user.h>'s kinfo_proc, libprocstat(3)) on a machine with
 * no FreeBSD toolchain; the FreeBSD job of .github/workflows/matrix.yml is
 * where it would first be built. Link with -lprocstat.
 *
 * Unobservable here (errno ENOTSUP, the case skips): nothing so far; but
 * libprocstat shows no close-on-exec flag for a descriptor, so obs_fd's
 * flags never carry O_CLOEXEC, which a case asking for it must know.
 */
#include "observe.h"
#include "observe_scan.h"
#include "sysctl_read.h"

#include <sys/param.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/sysctl.h>
#include <sys/user.h>

#include <errno.h>
#include <fcntl.h>
#include <libprocstat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- one process -------------------------------------------------------- */

static int kinfo_of(pid_t pid, struct kinfo_proc *kp)
{
    int mib[4] = { CTL_KERN, KERN_PROC, KERN_PROC_PID, (int)pid };
    size_t len = sizeof *kp;

    if (sysctl(mib, 4, kp, &len, NULL, 0) != 0)
        return -1;              /* ESRCH: no such process */
    if (len < sizeof *kp) {
        errno = ESRCH;
        return -1;
    }
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

/* Opens libprocstat on pid: 0, or -1 with errno. */
typedef struct ps_handle {
    struct procstat *ps;
    struct kinfo_proc *kp;
} ps_handle;

static int ps_open(pid_t pid, ps_handle *h)
{
    unsigned int count = 0;

    h->kp = NULL;
    h->ps = procstat_open_sysctl();
    if (!h->ps)
        return -1;
    h->kp = procstat_getprocs(h->ps, KERN_PROC_PID, pid, &count);
    if (!h->kp || count == 0) {
        if (h->kp)
            procstat_freeprocs(h->ps, h->kp);
        procstat_close(h->ps);
        errno = ESRCH;
        return -1;
    }
    return 0;
}

static void ps_close(ps_handle *h)
{
    procstat_freeprocs(h->ps, h->kp);
    procstat_close(h->ps);
}

int obs_read_status(pid_t pid, obs_status *out)
{
    struct kinfo_proc kp;
    unsigned short mask;
    ps_handle h;

    if (kinfo_of(pid, &kp) != 0)
        return -1;
    /* KERN_PROC_PID without threads: the masks of its first thread. */
    out->sig_pending_thread = mask_of(&kp.ki_siglist);
    out->sig_pending_process = mask_of(&kp.ki_siglist);
    out->sig_blocked = mask_of(&kp.ki_sigmask);
    out->sig_ignored = mask_of(&kp.ki_sigignore);
    out->sig_caught = mask_of(&kp.ki_sigcatch);
    out->umask = -1;
    if (ps_open(pid, &h) == 0) {
        if (procstat_getumask(h.ps, h.kp, &mask) == 0)
            out->umask = mask;
        ps_close(&h);
    }
    return 0;
}

/* ---- its files ---------------------------------------------------------- */

static int open_flags(int fflags)
{
    int acc = (fflags & PS_FST_FFLAG_READ) && (fflags & PS_FST_FFLAG_WRITE)
                  ? O_RDWR
                  : (fflags & PS_FST_FFLAG_WRITE) ? O_WRONLY : O_RDONLY;

    return acc | (fflags & PS_FST_FFLAG_APPEND ? O_APPEND : 0) |
           (fflags & PS_FST_FFLAG_NONBLOCK ? O_NONBLOCK : 0) |
           (fflags & PS_FST_FFLAG_SYNC ? O_SYNC : 0);
}

static void target_of(const struct filestat *f, char *buf, size_t size)
{
    /* Linux's words for what has no path: "pipe:[N]", "socket:[N]". */
    if (f->fs_path)
        snprintf(buf, size, "%s", f->fs_path);
    else if (f->fs_type == PS_FST_TYPE_PIPE)
        snprintf(buf, size, "pipe:[%d]", f->fs_fd);
    else if (f->fs_type == PS_FST_TYPE_SOCKET)
        snprintf(buf, size, "socket:[%d]", f->fs_fd);
    else
        snprintf(buf, size, "anon_inode:[type %d]", f->fs_type);
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
    struct filestat_list *head;
    struct filestat *f;
    size_t count = 0, total = 0;
    bool have_cwd = false;
    ps_handle h;

    if (ps_open(pid, &h) != 0)
        return -1;
    head = procstat_getfiles(h.ps, h.kp, 0);
    if (!head) {
        ps_close(&h);
        errno = EPERM;
        return -1;
    }
    STAILQ_FOREACH(f, head, next) {
        if (cwd && (f->fs_uflags & PS_FST_UFLAG_CDIR) && f->fs_path) {
            snprintf(cwd, cwd_size, "%s", f->fs_path);
            have_cwd = true;
        }
        if (f->fs_fd < 0 || (want >= 0 && f->fs_fd != want))
            continue;
        total++; /* past max too, for a caller to make room */
        if (count >= max)
            continue;
        out[count].fd = f->fs_fd;
        out[count].flags = open_flags(f->fs_fflags);
        target_of(f, out[count].target, sizeof out[count].target);
        /* The file's identity needs procstat_get_vnode_info, one more call
         * per fd: the path serves (case_fd_is compares it instead). */
        out[count].have_id = false;
        count++;
    }
    procstat_freefiles(h.ps, head);
    ps_close(&h);
    if (cwd && !have_cwd) {
        errno = ENOENT;
        return -1;
    }
    if (count > 1)
        qsort(out, count, sizeof *out, cmp_fd);
    return (int)total;
}

/* KERN_PROC_PATHNAME (sysctl(3)): the executable's path. */
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
    size_t len = 0;
    bool found = false;
    char *buf, *p, *end;

    if (sysctl(mib, 4, NULL, &len, NULL, 0) != 0 || len == 0)
        return false;
    buf = malloc(len);
    if (!buf || sysctl(mib, 4, buf, &len, NULL, 0) != 0) {
        free(buf);
        return false;
    }
    for (p = buf, end = buf + len; p < end && !found;) {
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
    int mib[4] = { CTL_KERN, KERN_PROC, KERN_PROC_PROC, 0 };
    return dk__sysctl_procs(mib, 3, sizeof(struct kinfo_proc), from_kinfo, out);
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
