/* H3 broken: a launcher that gives up kills the daemon only if it has
 * read its PID, does not wait for it to die, and leaves the PID file.
 * wraps: dk__launch_undo
 */
#include <signal.h>

void __wrap_dk__launch_undo(long daemon_pid, const char *pid_file)
{
    (void)pid_file;
    if (daemon_pid > 0)
        kill((int)daemon_pid, SIGKILL);
}
