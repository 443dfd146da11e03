/* D6 broken: both forks, but the first child never calls setsid(): it only
 * takes a process group of its own, so the daemon stays in the launcher's
 * session with its controlling terminal. (A group of its own, not the
 * launcher's: in the launcher's foreground group the daemon would be sent
 * SIGHUP when its session leader exits, and live or die by the scheduler.)
 * wraps: setsid
 */
#include <unistd.h>

pid_t __wrap_setsid(void)
{
    if (setpgid(0, 0) < 0)
        return -1;
    return getsid(0);
}
