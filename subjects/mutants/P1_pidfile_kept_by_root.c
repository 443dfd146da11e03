/* P1 broken: the PID file stays root's, so in a sticky directory the
 * daemon, once unprivileged, cannot remove it at exit.
 * wraps: dk__identity_drop
 */
#include "../../lib/unix/steps.h"

#include <grp.h>
#include <unistd.h>

dk_status __wrap_dk__identity_drop(const dk_identity *id, const char *pid_file,
                                   int pid_fd, dk_error *err)
{
    (void)pid_file;
    (void)pid_fd;
    if (!id->wanted || id->already)
        return DK_OK;
    if (initgroups(id->user, id->gid) < 0 || setgid(id->gid) < 0 ||
        setuid(id->uid) < 0)
        return dk__fail(err, DK_ESYS, "P1", 0, "switch to %s", id->user);
    return DK_OK;
}
