/* SU broken: the default handler ends the daemon on SIGTERM only (as if
 * TERM alone meant "stop"); SIGINT and SIGABRT left to it are swallowed and
 * the daemon runs on.
 * wraps: dk_default_signal_handler
 */
#include <signal.h>

void __real_dk_default_signal_handler(int signum);

void __wrap_dk_default_signal_handler(int signum)
{
    if (signum == SIGTERM)
        __real_dk_default_signal_handler(signum);
}
