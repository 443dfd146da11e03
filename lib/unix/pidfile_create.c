#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

dk_status dk__pidfile_create(const char *path, int *fd, dk_error *err)
{
    /* O_EXCL makes creation the exclusivity test (no check-then-create
     * race); O_NOFOLLOW refuses a symlink planted at the path (H4). */
    int f = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                 0644);
    if (f < 0) {
        if (errno == EEXIST || errno == ELOOP)
            return dk__pidfile_explain(path, err);
        return dk__fail(err, DK_ESYS, "U1", errno, "%s: cannot create PID file",
                        path);
    }
    /* Off stdio before the lock is taken: moving it after would close the
     * fd the lock was taken through, and drop it (H11). */
    if ((f = dk__fd_above_stdio(f)) < 0) {
        int e = errno;
        unlink(path);
        return dk__fail(err, DK_ESYS, "U1", e, "%s: move above stdio", path);
    }
    /* The lock tells a live PID file from a stale one (H2); the launcher
     * holds it until the daemon takes its own (dk__pidfile_write). It can
     * only fail
     * if someone opened our brand-new file in between: then it is theirs. */
    if (dk__pidfile_lock(f, false) < 0) {
        int e = errno;
        bool theirs = e == EAGAIN || e == EACCES;
        if (!theirs) /* ours, and no daemon will come: it goes */
            unlink(path);
        close(f);
        return dk__fail(err, theirs ? DK_EEXIST : DK_ESYS, "U1", e,
                        "%s: cannot lock new PID file", path);
    }
    /* Whatever the launcher's umask, the file is not group/world-writable. */
    if (fchmod(f, 0644) < 0) {
        int e = errno;
        unlink(path);
        close(f);
        return dk__fail(err, DK_ESYS, "U1", e, "%s: fchmod", path);
    }
    *fd = f;
    return DK_OK;
}
