/* P1 broken: the uid and gid change but the supplementary groups stay the
 * launcher's (no initgroups).
 * wraps: dk__identity_drop
 */
#include "../../lib/unix/steps.h"

#include <unistd.h>

dk_status __wrap_dk__identity_drop(const dk_identity *id, const char *pid_file,
                                   int pid_fd, dk_error *err)
{
    (void)pid_file;
    if (!id->wanted || id->already)
        return DK_OK;
    if (fchown(pid_fd, id->uid, id->gid) < 0 || setgid(id->gid) < 0 ||
        setuid(id->uid) < 0)
        return dk__fail(err, DK_ESYS, "P1", 0, "switch to %s", id->user);
    return DK_OK;
}
