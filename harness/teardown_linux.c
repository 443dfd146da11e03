/* teardown_linux.c: teardown.h over prctl, pidfds and nftw. */
#include "teardown.h"

#include "observe.h"
#include "reaped.h"
#include "wait.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

enum {
    MAX_PASSES = 10000,   /* a fork bomb cannot keep us here for ever */
    BATCH = 256,          /* pids (and pidfds) per pass, under any fd limit */
};

int dk_become_subreaper(void)
{
    return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

/* ---- killing ------------------------------------------------------------ */

typedef struct pidset {
    pid_t *v;
    size_t n, cap;
} pidset;

static int cmp_pid(const void *a, const void *b)
{
    pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
    return (x > y) - (x < y);
}

/* Add pid, keeping the set sorted; false if it was there already. */
static bool pidset_add(pidset *s, pid_t pid)
{
    size_t i = 0;

    while (i < s->n && s->v[i] < pid)
        i++;
    if (i < s->n && s->v[i] == pid)
        return false;
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        pid_t *m = realloc(s->v, cap * sizeof *m);
        if (!m)
            return true;   /* counts it, may count it twice: harmless */
        s->v = m;
        s->cap = cap;
    }
    memmove(s->v + i + 1, s->v + i, (s->n - i) * sizeof *s->v);
    s->v[i] = pid;
    s->n++;
    return true;
}

/* SIGKILL pid through a pidfd, so a pid recycled since we listed it is
 * never hit. Returns whether the signal went; *pidfd stays open (or -1) so
 * the caller can wait for the exit. */
static bool kill_one(pid_t pid, int *pidfd)
{
    *pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (*pidfd >= 0)
        return syscall(SYS_pidfd_send_signal, *pidfd, SIGKILL, NULL, 0) == 0;
    return errno == ENOSYS && kill(pid, SIGKILL) == 0;
}

/* Reap what has exited; true while we still have children. */
static bool have_children(void)
{
    int st;
    pid_t r;

    while ((r = waitpid(-1, &st, WNOHANG)) > 0 || (r < 0 && errno == EINTR))
        if (r > 0)
            dk__record_reaped(r, st);
    return !(r < 0 && errno == ECHILD);
}

size_t dk_kill_descendants(void)
{
    pid_t self = getpid();
    pidset counted = { 0 };
    size_t killed = 0;

    for (int pass = 0; pass < MAX_PASSES; pass++) {
        pid_t live[BATCH], kids[BATCH];
        int fds[2 * BATCH];
        size_t nlive = obs_descendants(self, live, BATCH);
        size_t nkids = obs_children(self, kids, BATCH);
        size_t nfds = 0;
        /* Bounds the wait for a process stuck in an uninterruptible sleep;
         * the next pass tries again. */
        dk_deadline d = dk_deadline_in(1.0);

        if (nlive == 0 && !have_children())
            break;
        /* The living descendants, then our direct children again: a zombie
         * leader whose other threads still run shows as 'Z' but lives. */
        for (size_t i = 0; i < nlive + nkids; i++) {
            bool is_live = i < nlive;
            pid_t pid = is_live ? live[i] : kids[i - nlive];
            int fd;

            if (!is_live && bsearch(&pid, live, nlive, sizeof pid, cmp_pid))
                continue;
            if (kill_one(pid, &fd) && is_live && pidset_add(&counted, pid))
                killed++;
            if (fd >= 0)
                fds[nfds++] = fd;
        }
        /* They die in parallel, so waiting for each in turn costs about the
         * slowest one. The pidfd is readable once the process has exited,
         * after its own children were reparented to us. */
        for (size_t i = 0; i < nfds; i++) {
            struct pollfd p = { .fd = fds[i], .events = POLLIN };
            while (poll(&p, 1, dk_deadline_left_ms(d)) < 0 && errno == EINTR)
                ;
            close(fds[i]);
        }
        if (nfds == 0)            /* no pidfds (ENOSYS): do not spin */
            poll(NULL, 0, 1);
        dk_reap_exited();
    }
    free(counted.v);
    return killed;
}

/* ---- removing ----------------------------------------------------------- */

static int remove_entry(const char *path, const struct stat *sb, int type,
                        struct FTW *ftw);

/* rmdir or unlink path; on EACCES (a tree left read-only by a subject's
 * umask) make the parent writable and try once more, but never touch the
 * parent of the top of the tree, which is not ours. */
static int remove_one(const char *path, bool dir, const struct FTW *ftw)
{
    char *parent;
    int r;

    if ((dir ? rmdir(path) : unlink(path)) == 0 || errno == ENOENT)
        return 0;
    if (errno != EACCES || ftw->level == 0)
        return -1;
    parent = strndup(path, (size_t)ftw->base);
    if (!parent)
        return -1;
    r = chmod(parent, 0700);
    free(parent);
    if (r != 0)
        return -1;
    return ((dir ? rmdir(path) : unlink(path)) == 0 || errno == ENOENT)
               ? 0 : -1;
}

static int remove_entry(const char *path, const struct stat *sb, int type,
                        struct FTW *ftw)
{
    int fd;

    (void)sb;
    switch (type) {
    case FTW_DP:
        return remove_one(path, true, ftw);
    case FTW_DNR:
        /* nftw could not list it, so it is not empty yet: open it up and
         * start over inside (only if it now opens, so this ends). */
        if (chmod(path, 0700) != 0)
            return -1;
        fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0)
            return -1;
        close(fd);
        return dk_remove_tree(path);
    default:                      /* files, symlinks (FTW_PHYS), FTW_NS */
        return remove_one(path, false, ftw);
    }
}

int dk_remove_tree(const char *path)
{
    struct stat st;

    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    /* FTW_PHYS: a symlink is an entry to unlink, never a way out of the
     * tree. FTW_MOUNT: another file system mounted inside is left alone
     * (its mount point then fails to rmdir, which is reported). */
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT) == 0
               ? 0 : -1;
}
