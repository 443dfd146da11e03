/* SW6 broken: the default handler ends the daemon abruptly (_exit), so the
 * exit cleanup never runs and the PID file stays.
 * wraps: dk_default_signal_handler
 */
#include "../../../lib/win/signals.h"

#include <unistd.h>

void __wrap_dk_default_signal_handler(int signum)
{
    _exit(128 + signum);
}
