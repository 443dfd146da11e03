/* D13 broken: root's supplementary groups are dropped with setgroups(0,
 * NULL) instead of initgroups(), so the daemon has none of the user's
 * groups (it loses access that user has through a group).
 * wraps: initgroups
 */
/* setgroups: glibc declares it in grp.h, FreeBSD and macOS in unistd.h. */
#include <grp.h>
#include <stddef.h>
#include <sys/types.h>
#include <unistd.h>

int __wrap_initgroups(const char *user, gid_t gid)
{
    (void)user;
    (void)gid;
    return setgroups(0, NULL);
}
