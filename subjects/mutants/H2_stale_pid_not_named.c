/* H2 broken: an existing PID file is refused without saying whose it is.
 * wraps: dk__pidfile_explain
 */
#include "../../lib/unix/steps.h"

dk_status __wrap_dk__pidfile_explain(const char *path, dk_error *err)
{
    return dk__fail(err, DK_EEXIST, "U1", 0, "%s: PID file exists", path);
}
