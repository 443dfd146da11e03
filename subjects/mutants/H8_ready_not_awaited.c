/* H8 broken: the daemon says "ok" as soon as daemonizing is done, before the
 * program could fail (its ready file unwritable...), so the launcher exits
 * 0 with no daemon.
 * wraps: dk__ready_pending
 */
#include <sys/socket.h>

void __real_dk__ready_pending(int fd);

void __wrap_dk__ready_pending(int fd)
{
    (void)!send(fd, "ok\n", 3, MSG_NOSIGNAL);
    __real_dk__ready_pending(fd);
}
