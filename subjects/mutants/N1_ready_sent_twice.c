/* N1 broken: READY=1 is sent twice.
 * wraps: dk__notify_systemd_ready
 */
#include "../../lib/unix/steps.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

dk_status __real_dk__notify_systemd_ready(dk_error *err);

dk_status __wrap_dk__notify_systemd_ready(dk_error *err)
{
    const char *value = getenv("NOTIFY_SOCKET");
    char copy[PATH_MAX];
    snprintf(copy, sizeof copy, "%s", value ? value : "");
    dk_status st = __real_dk__notify_systemd_ready(err);
    if (st != DK_OK || value == NULL)
        return st;
    setenv("NOTIFY_SOCKET", copy, 1); /* the real one removed it */
    return __real_dk__notify_systemd_ready(err);
}
