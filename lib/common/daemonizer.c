/* daemonizer.c: the parts of the Daemonizer form every OS shares; begin,
 * run and end are per OS (lib/unix/daemonize.c, lib/win/daemonize.c). */
#include "internal.h"

#include <stdlib.h>

const void *dk_daemonizer_state(const dk_daemonizer *dz, size_t *len)
{
    if (len != NULL)
        *len = dz->state_len;
    return dz->state;
}

void dk_daemonizer_free(dk_daemonizer *dz)
{
    free(dz->state);
    dz->state = NULL;
    dz->state_len = 0;
}

dk_status dk_daemonize(const dk_options *opts, dk_error *err)
{
    dk_daemonizer dz;
    dk_daemonizer_begin(&dz);
    bool is_parent;
    dk_status st = dk_daemonizer_run(&dz, opts, NULL, 0, &is_parent, err);
    if (st == DK_OK)
        dk_daemonizer_end(&dz);
    return st;
}
