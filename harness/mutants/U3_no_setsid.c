/* U3 broken: two forks but no setsid(), so the daemon stays in the
 * launcher's session and keeps its controlling terminal.
 * wraps: setsid
 */
#include <unistd.h>

pid_t __wrap_setsid(void)
{
    return getsid(0);
}
