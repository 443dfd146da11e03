/* user_groups_darwin.c: user_groups.h on macOS, whose getgrouplist takes
 * int. */
#include "user_groups.h"

#include <stdlib.h>
#include <unistd.h>

int dk_user_groups(const char *name, gid_t gid, long *out, int max)
{
    int *gids = calloc((size_t)max, sizeof *gids);
    int n = max;
    if (gids == NULL || getgrouplist(name, (int)gid, gids, &n) < 0) {
        free(gids);
        return -1;
    }
    for (int i = 0; i < n; i++)
        out[i] = (long)gids[i];
    free(gids);
    return n;
}
