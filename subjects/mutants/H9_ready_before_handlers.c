/* H9 broken: the start-up window. Signals are not held from the fork, and
 * the daemon reports success before its handlers are in place, so a TERM
 * right after the launcher exits kills it without cleanup.
 * wraps: dk__hold_signals dk__reset_signals dk__ready_pending
 */
#include "../../lib/unix/steps.h"

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

int __wrap_dk__hold_signals(sigset_t *old)
{
    sigemptyset(old);
    return 0;
}

void __real_dk__reset_signals(void);

void __wrap_dk__reset_signals(void)
{
    __real_dk__reset_signals();
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

void __real_dk__ready_pending(int fd);

void __wrap_dk__ready_pending(int fd)
{
    (void)!send(fd, "ok\n", 3, MSG_NOSIGNAL);
    /* An application with some start-up work before it installs handlers
     * (a few ms): the window the case must see, every time, not by luck. */
    usleep(20000);
    __real_dk__ready_pending(fd);
}
