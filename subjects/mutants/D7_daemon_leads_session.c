/* D7 broken: after both forks the daemon calls setsid() once more, so it
 * leads a session of its own again (and could acquire a terminal).
 * wraps: dk__umask_chdir
 */
#include "../../lib/daemoniker.h"

#include <unistd.h>

dk_status __real_dk__umask_chdir(int mask, const char *dir, dk_error *err);

dk_status __wrap_dk__umask_chdir(int mask, const char *dir, dk_error *err)
{
    setsid(); /* in the daemon: finish_in_daemon's first step */
    return __real_dk__umask_chdir(mask, dir, err);
}
