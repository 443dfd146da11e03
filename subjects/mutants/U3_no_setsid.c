/* U3 broken: two forks but no setsid(); the daemon only takes a process
 * group of its own (setpgid), as old daemons did, so it stays in the
 * launcher's session and keeps its controlling terminal.
 *
 * Why setpgid and not nothing: a daemon left in the launcher's foreground
 * group is sent SIGHUP when the launcher, the session leader, exits, so it
 * lives or dies by the scheduler and its verdicts vary from run to run. In
 * a group of its own it lives, and the same cases fail every time.
 * wraps: setsid
 */
#include <unistd.h>

pid_t __wrap_setsid(void)
{
    if (setpgid(0, 0) < 0)
        return -1;
    return getsid(0);
}
