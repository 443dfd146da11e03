/* ready.c: readiness on Windows is reported when daemonizing completes
 * (daemoniker.h); the deferred form's calls are accepted and do nothing. */
#include "../common/internal.h"

dk_status dk_ready(dk_error *err)
{
    (void)err;
    return DK_OK;
}

dk_status dk_not_ready(const char *why)
{
    (void)why;
    return DK_OK;
}
