/* The caller matrix's own mutant: a launcher that gives up kills the
 * daemon only if it read its PID, does not wait for it, and leaves the
 * PID file (the library before issue 24).
 * wraps: dk__launch_undo
 * cells: launcher gives up
 */
#include <signal.h>

void __wrap_dk__launch_undo(long daemon_pid, const char *pid_file)
{
    (void)pid_file;
    if (daemon_pid > 0)
        kill((int)daemon_pid, SIGKILL);
}
