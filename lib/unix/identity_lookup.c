/* identity_lookup.c: the launcher's half of dropping privileges: the names
 * become ids, and a switch that cannot happen is refused, all before the
 * PID file exists, so the error leaves nothing behind. */
#include "steps.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

dk_status dk__identity_lookup(const char *user, const char *group,
                              dk_identity *out, dk_error *err)
{
    out->wanted = user != NULL;
    if (!out->wanted)
        return DK_OK;
    errno = 0;
    struct passwd *pw = getpwnam(user);
    if (pw == NULL)
        return errno != 0 && errno != ENOENT && errno != ESRCH
                   ? dk__fail(err, DK_ESYS, "P1", errno,
                              "cannot look up user %s", user)
                   : dk__fail(err, DK_EINVAL, "P1", 0,
                              "user %s does not exist", user);
    out->uid = pw->pw_uid;
    out->gid = pw->pw_gid;
    snprintf(out->user, sizeof out->user, "%s", user);
    if (group != NULL) {
        errno = 0;
        struct group *gr = getgrnam(group);
        if (gr == NULL)
            return errno != 0 && errno != ENOENT && errno != ESRCH
                       ? dk__fail(err, DK_ESYS, "P1", errno,
                                  "cannot look up group %s", group)
                       : dk__fail(err, DK_EINVAL, "P1", 0,
                                  "group %s does not exist", group);
        out->gid = gr->gr_gid;
    }
    /* Only root may change identity; anyone may "become" who they are. */
    out->already = getuid() == out->uid && geteuid() == out->uid &&
                   getgid() == out->gid && getegid() == out->gid;
    if (geteuid() != 0 && !out->already)
        return dk__fail(err, DK_ESYS, "P1", EPERM,
                        "cannot switch to user %s (uid %ld, gid %ld): only "
                        "root can", user, (long)out->uid, (long)out->gid);
    return DK_OK;
}
