/* D13 broken: the daemon takes the user's groups and uid but keeps root's
 * gid (real, effective and saved), so files it creates are root's group's.
 * wraps: dk__identity_drop
 */
#include "../../lib/common/internal.h"
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
        fchown(pid_fd, id->uid, (gid_t)-1) < 0 ||
        setresuid(id->uid, id->uid, id->uid) < 0)
        return dk__fail(err, DK_ESYS, "D13", 0, "switch to %s", id->user);
    return DK_OK;
}
