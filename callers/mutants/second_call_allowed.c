/* The caller matrix's own mutant: a second dk_daemonize is let through, in
 * the daemon too (the library before issue 24).
 * wraps: dk__launch_claim
 * cells: second call
 */
#include "../../lib/daemoniker.h"

dk_status __wrap_dk__launch_claim(dk_error *err)
{
    (void)err;
    return DK_OK;
}
