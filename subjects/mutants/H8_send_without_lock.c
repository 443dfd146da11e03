/* H8 broken: --send signals whatever live process the PID file names when
 * no one holds its lock (a stranger, a reused PID); only a lock held by
 * another process than the one named is refused.
 * wraps: dk__send_check
 */
#include "../../lib/unix/steps.h"

#include <errno.h>

dk_status __wrap_dk__send_check(int fd, long pid, const char *path,
                                dk_error *err)
{
    long holder = dk__pidfile_lock_holder(fd);
    if (holder > 0 && holder != pid)
        return dk__fail(err, DK_EINVAL, "send", 0, "%s: held by %ld", path,
                        holder);
    return DK_OK;
}
