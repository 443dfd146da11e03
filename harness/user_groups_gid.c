/* user_groups_gid.c: user_groups.h where getgrouplist takes gid_t
 * (Linux, FreeBSD). */
#include "user_groups.h"

#include <grp.h>
#include <stdlib.h>
#include <unistd.h>

int dk_user_groups(const char *name, gid_t gid, long *out, int max)
{
    gid_t *gids = calloc((size_t)max, sizeof *gids);
    int n = max;
    if (gids == NULL || getgrouplist(name, gid, gids, &n) < 0) {
        free(gids);
        return -1;
    }
    for (int i = 0; i < n; i++)
        out[i] = (long)gids[i];
    free(gids);
    return n;
}
