/* W5 broken: the relaunched process does not look at the switch, so it
 * runs the setup code (and tries to launch) again.
 * wraps: dk__win_relaunched
 */
#include "../../../lib/win/steps.h"

bool __wrap_dk__win_relaunched(wchar_t *state_path, size_t n)
{
    (void)state_path;
    (void)n;
    return false;
}
