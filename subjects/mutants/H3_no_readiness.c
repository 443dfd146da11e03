/* H3 broken: the launcher exits 0 at once, without waiting for the
 * daemon's word, so failures after the fork go unreported.
 * wraps: dk__launcher_wait
 */
#include <unistd.h>

void __wrap_dk__launcher_wait(int fd, double timeout, const char *pid_file)
{
    (void)fd;
    (void)timeout;
    (void)pid_file;
    _exit(0);
}
