/* identity_drop.c: the daemon's half of dropping privileges, after
 * everything that needs root (PID file, stdio targets) is done. */
#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

/* The directory part of an absolute path ("/" for "/x"). */
static void dir_of(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash == NULL || slash == path ? 1 : (size_t)(slash - path);
    if (n >= size)
        n = size - 1;
    memcpy(dir, slash == NULL ? "/" : path, n);
    dir[n] = '\0';
}

/* With only the effective ids switched, ask whether the user could remove
 * the PID file (write and search on its directory; the file is the user's,
 * which a sticky directory also requires); then back to root, so that the
 * refusal can still remove the file. */
static dk_status check_removable(const dk_identity *id, const char *pid_file,
                                 dk_error *err)
{
    char dir[PATH_MAX];
    dir_of(pid_file, dir, sizeof dir);
    uid_t euid = geteuid();
    gid_t egid = getegid();
    if (setegid(id->gid) < 0 || seteuid(id->uid) < 0)
        return dk__fail(err, DK_ESYS, "P1", errno, "cannot switch to user %s",
                        id->user);
    int ok = faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS);
    int e = errno;
    if (seteuid(euid) < 0 || setegid(egid) < 0)
        return dk__fail(err, DK_ESYS, "P1", errno, "cannot return to root");
    if (ok < 0)
        return dk__fail(err, DK_EINVAL, "P1", e,
                        "user %s could not remove its PID file at exit: "
                        "no write access to %s", id->user, dir);
    return DK_OK;
}

dk_status dk__identity_drop(const dk_identity *id, const char *pid_file,
                            int pid_fd, dk_error *err)
{
    if (!id->wanted || id->already)
        return DK_OK;
    /* Never the launcher's (root's) supplementary groups: the user's own. */
    if (initgroups(id->user, id->gid) < 0)
        return dk__fail(err, DK_ESYS, "P1", errno, "initgroups %s", id->user);
    if (fchown(pid_fd, id->uid, id->gid) < 0)
        return dk__fail(err, DK_ESYS, "P1", errno, "%s: give the PID file to "
                        "user %s", pid_file, id->user);
    dk_status st = check_removable(id, pid_file, err);
    if (st != DK_OK)
        return st;
    /* As root, setgid and setuid set the real, effective and saved ids. */
    if (setgid(id->gid) < 0)
        return dk__fail(err, DK_ESYS, "P1", errno, "setgid %ld",
                        (long)id->gid);
    if (setuid(id->uid) < 0)
        return dk__fail(err, DK_ESYS, "P1", errno, "setuid %ld",
                        (long)id->uid);
    /* A saved root uid would let the daemon take root back. */
    if (id->uid != 0 && setuid(0) == 0)
        return dk__fail(err, DK_ESYS, "P1", EPERM, "root could be regained "
                        "after switching to user %s", id->user);
    return DK_OK;
}
