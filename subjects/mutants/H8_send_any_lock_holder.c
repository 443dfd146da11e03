/* H8 broken: --send trusts the PID file once anyone holds its lock, without
 * checking that the holder is the process it names.
 * wraps: dk__send_check
 */
#include "../../lib/unix/steps.h"

dk_status __wrap_dk__send_check(int fd, long pid, const char *path,
                                dk_error *err)
{
    if (dk__pidfile_lock_holder(fd) == 0)
        return dk__fail(err, DK_EINVAL, "send", 0, "%s: %ld holds no lock",
                        path, pid);
    return DK_OK;
}
