/* H8 broken: an existing PID file is refused, then "tidied away" - removed
 * although it was someone else's (or a symlink someone planted).
 * wraps: dk__pidfile_explain
 */
#include "../../lib/unix/steps.h"

#include <unistd.h>

dk_status __real_dk__pidfile_explain(const char *path, dk_error *err);

dk_status __wrap_dk__pidfile_explain(const char *path, dk_error *err)
{
    dk_status st = __real_dk__pidfile_explain(path, err);
    unlink(path);
    return st;
}
