#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

dk_status dk__pidfile_explain(const char *path, dk_error *err)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return dk__fail(err, DK_ESYS, "U1", errno, "%s: PID file", path);
    if (S_ISLNK(st.st_mode))
        return dk__fail(err, DK_EEXIST, "U1", 0,
                        "%s: PID file path is a symlink; refusing to follow it",
                        path);
    if (!S_ISREG(st.st_mode))
        return dk__fail(err, DK_EEXIST, "U1", 0,
                        "%s: PID file path exists and is not a regular file",
                        path);

    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return dk__fail(err, DK_EEXIST, "U1", errno,
                        "%s: PID file exists and cannot be read", path);
    char buf[32];
    ssize_t n = read(fd, buf, sizeof buf);
    long holder = dk__pidfile_lock_holder(fd);
    close(fd);

    long pid = 0;
    bool has_pid = n > 0 && dk__pidfile_parse(buf, (size_t)n, &pid) == 0;
    if (holder > 0 && has_pid && holder == pid)
        return dk__fail(err, DK_EEXIST, "U1", 0,
                        "%s: PID file exists, held by live process %ld", path,
                        pid);
    if (holder > 0 && has_pid)
        return dk__fail(err, DK_EEXIST, "U1", 0,
                        "%s: PID file exists, locked by live process %ld but "
                        "naming process %ld", path, holder, pid);
    if (holder > 0)
        return dk__fail(err, DK_EEXIST, "U1", 0,
                        "%s: PID file exists, locked by live process %ld",
                        path, holder);
    /* Not locked: whoever wrote it is gone or never locked it. We refuse
     * rather than reclaim (H2): the PID may have been reused, and Daemoniker's
     * step U1 fails on any existing file. The message names the PID so the
     * operator can decide; a live process there is not a daemon of ours (it
     * would hold the lock), a dead one makes the file stale. */
    if (has_pid && dk__process_exists(pid))
        return dk__fail(err, DK_EEXIST, "U1", 0,
                        "%s: PID file exists and names live process %ld, "
                        "which does not hold its lock: not a daemon of ours; "
                        "remove the file if no daemon uses it",
                        path, pid);
    if (has_pid)
        return dk__fail(err, DK_EEXIST, "U1", 0,
                        "%s: stale PID file names process %ld and is not "
                        "locked; remove it if that daemon is gone",
                        path, pid);
    return dk__fail(err, DK_EEXIST, "U1", 0,
                    "%s: PID file exists and holds no PID; remove it if no "
                    "daemon uses it", path);
}
