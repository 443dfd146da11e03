/* U3 broken: nohup instead of a new session: the daemon ignores SIGHUP
 * (also once the other signals are back to their defaults) and never calls
 * setsid(), so it stays in the launcher's process group and session. It
 * survives the hangup its session leader's exit sends, as nohup's children
 * do, and lives on in the group a terminal's job control signals reach.
 * wraps: setsid dk__reset_signals
 */
#include <signal.h>
#include <unistd.h>

void __real_dk__reset_signals(void);

pid_t __wrap_setsid(void)
{
    signal(SIGHUP, SIG_IGN);
    return getsid(0);
}

void __wrap_dk__reset_signals(void)
{
    __real_dk__reset_signals();
    signal(SIGHUP, SIG_IGN);
}
