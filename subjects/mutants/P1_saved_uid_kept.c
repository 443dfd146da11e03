/* P1 broken: only the effective ids are switched; the real and saved ones
 * stay root's, so the daemon can take root back.
 * wraps: dk__identity_drop
 */
#include "../../lib/unix/steps.h"

#include <grp.h>
#include <unistd.h>

dk_status __wrap_dk__identity_drop(const dk_identity *id, const char *pid_file,
                                   int pid_fd, dk_error *err)
{
    (void)pid_file;
    if (!id->wanted || id->already)
        return DK_OK;
    if (initgroups(id->user, id->gid) < 0 ||
        fchown(pid_fd, id->uid, id->gid) < 0 || setegid(id->gid) < 0 ||
        seteuid(id->uid) < 0)
        return dk__fail(err, DK_ESYS, "P1", 0, "switch to %s", id->user);
    return DK_OK;
}
