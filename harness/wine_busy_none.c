/* wine_busy_none.c: wine_busy.h where we do not look (no Wine runs a
 * Windows subject for dkcheck there): never quiet, so that
 * no Windows process is ever taken for a stuck one. */
#include "wine_busy.h"

bool dk_wine_quiet(const pid_t *pids, size_t n, double seconds)
{
    (void)pids;
    (void)n;
    (void)seconds;
    return false;
}
