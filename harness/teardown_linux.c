/* teardown_linux.c: teardown.h's killing over prctl and pidfds (removing
 * is teardown_tree.c). */
#include "teardown.h"

#include "observe.h"
#include "reaped.h"
#include "wait.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
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

        if (nlive == 0 && !dk__reap_children())
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
