/* U8 broken: the default handler leaves with _exit(), skipping exit cleanup,
 * so the PID file stays behind.
 * wraps: dk_default_signal_handler
 */
#include <unistd.h>

void __wrap_dk_default_signal_handler(int signum)
{
    _exit(128 + signum);
}
