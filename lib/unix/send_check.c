#include "steps.h"

#include <errno.h>

dk_status dk__send_check(int fd, long pid, const char *path, dk_error *err)
{
    /* Our daemon holds the lock on its PID file from before it writes its
     * PID until it ends. Anything else (a stale file, a file someone wrote,
     * a PID reused by a stranger) gets no signal. */
    long holder = dk__pidfile_lock_holder(fd);
    if (holder < 0)
        return dk__fail(err, DK_ESYS, "send", errno,
                        "%s: cannot ask who locks the PID file", path);
    if (holder == 0)
        return dk__fail(err, DK_EINVAL, "send", 0,
                        "%s: not signalling process %ld: no live daemon holds "
                        "the PID file's lock (%s)", path, pid,
                        dk__process_exists(pid) ? "that process is not a "
                                                  "daemon of ours"
                                                : "stale: it is gone");
    if (holder != pid)
        return dk__fail(err, DK_EINVAL, "send", 0,
                        "%s: not signalling process %ld: the PID file's lock "
                        "is held by process %ld", path, pid, holder);
    return DK_OK;
}
