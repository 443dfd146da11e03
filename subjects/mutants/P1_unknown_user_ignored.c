/* P1 broken: a user that does not exist is ignored, and the daemon runs
 * as the launcher's user.
 * wraps: dk__identity_lookup
 */
#include "../../lib/unix/steps.h"

#include <pwd.h>

dk_status __real_dk__identity_lookup(const char *user, const char *group,
                                     dk_identity *out, dk_error *err);

dk_status __wrap_dk__identity_lookup(const char *user, const char *group,
                                     dk_identity *out, dk_error *err)
{
    if (user != NULL && getpwnam(user) == NULL)
        user = group = NULL;
    return __real_dk__identity_lookup(user, group, out, err);
}
