#include "internal.h"

#include <stdbool.h>

static bool kept(const int *keep, size_t n_keep, int fd)
{
    for (size_t i = 0; i < n_keep; i++)
        if (keep[i] == fd)
            return true;
    return false;
}

/* Smallest kept fd above fd, or last + 1: the next gap ends just below it. */
static long next_kept(const int *keep, size_t n_keep, int fd, int last)
{
    long best = (long)last + 1;
    for (size_t i = 0; i < n_keep; i++)
        if (keep[i] > fd && keep[i] < best)
            best = keep[i];
    return best;
}

size_t dk__fd_ranges(const int *keep, size_t n_keep, int first, int last,
                     dk_fd_range *out, size_t max)
{
    size_t count = 0;
    int fd = first;
    while (fd <= last) {
        if (kept(keep, n_keep, fd)) {
            fd++;
            continue;
        }
        long stop = next_kept(keep, n_keep, fd, last);
        if (count < max) {
            out[count].lo = fd;
            out[count].hi = (int)(stop - 1);
        }
        count++;
        /* stop == last: the last fd is kept, nothing lies beyond it (and
         * stop + 1 could overflow when last is INT_MAX). */
        if (stop >= last)
            break;
        fd = (int)stop + 1;
    }
    return count;
}

long dk__fd_limit(long soft_limit, long fallback)
{
    if (soft_limit <= 0)
        return fallback;
    return soft_limit;
}
