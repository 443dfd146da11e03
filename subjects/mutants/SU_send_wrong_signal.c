/* SU broken: the subject's send delivers SIGINT whatever signal it was
 * asked for.
 * wraps: kill
 */
#include <signal.h>
#include <sys/types.h>

int __real_kill(pid_t pid, int signum);

int __wrap_kill(pid_t pid, int signum)
{
    return __real_kill(pid, signum == 0 ? 0 : SIGINT);
}
