/* observe_tree.c: the process tree questions of observe.h (alive,
 * descendants, children), the same on every Unix over the backend's
 * process table (observe_scan.h). */
#include "observe.h"
#include "observe_scan.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* ---- the process tree --------------------------------------------------- */

/* Linux shows a dead process as 'Z' (zombie) or 'X' (being reaped); the
 * other backends map theirs to these letters. */
static bool living(char state)
{
    return state != 'Z' && state != 'X';
}

bool obs_alive(pid_t pid)
{
    obs_stat st;
    return pid > 0 && obs_read_stat(pid, &st) == 0 && living(st.state);
}

static int cmp_pid(const void *a, const void *b)
{
    pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
    return (x > y) - (x < y);
}

static int cmp_ppid(const void *a, const void *b)
{
    const obs__proc *x = a, *y = b;
    return (x->ppid > y->ppid) - (x->ppid < y->ppid);
}

/* First entry of v (sorted by ppid) whose ppid is at least ppid. */
static size_t lower_bound(const obs__proc *v, size_t n, pid_t ppid)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].ppid < ppid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Sort found ascending and copy at most max of them to out. */
static size_t emit(pid_t *found, size_t n, pid_t *out, size_t max)
{
    qsort(found, n, sizeof *found, cmp_pid);
    if (n > max)
        n = max;
    if (n)
        memcpy(out, found, n * sizeof *out);
    return n;
}

size_t obs_descendants(pid_t root, pid_t *out, size_t max)
{
    obs__proc *v;
    ssize_t sn = obs__scan(&v);
    size_t n, head = 0, tail = 0, nfound = 0, count = 0;
    pid_t *queue, *found;
    bool *seen;

    if (sn < 0)
        return 0;
    n = (size_t)sn;
    qsort(v, n, sizeof *v, cmp_ppid);
    queue = malloc((n + 1) * sizeof *queue);
    found = malloc((n + 1) * sizeof *found);
    seen = calloc(n + 1, sizeof *seen);
    if (queue && found && seen) {
        /* Breadth first through zombies too: a zombie has no children of
         * its own, but a scan racing with exits may still show some. The
         * seen marks bound the walk even on an inconsistent snapshot. */
        queue[tail++] = root;
        while (head < tail) {
            pid_t parent = queue[head++];
            for (size_t i = lower_bound(v, n, parent);
                 i < n && v[i].ppid == parent; i++) {
                if (seen[i] || v[i].pid == root)
                    continue;
                seen[i] = true;
                queue[tail++] = v[i].pid;
                if (living(v[i].state))
                    found[nfound++] = v[i].pid;
            }
        }
        count = emit(found, nfound, out, max);
    }
    free(seen);
    free(found);
    free(queue);
    free(v);
    return count;
}

size_t obs_children(pid_t root, pid_t *out, size_t max)
{
    obs__proc *v;
    ssize_t sn = obs__scan(&v);
    size_t nfound = 0, count = 0;
    pid_t *found;

    if (sn < 0)
        return 0;
    found = malloc(((size_t)sn + 1) * sizeof *found);
    if (found) {
        for (ssize_t i = 0; i < sn; i++)
            if (v[i].ppid == root && v[i].pid != root)
                found[nfound++] = v[i].pid;
        count = emit(found, nfound, out, max);
    }
    free(found);
    free(v);
    return count;
}
