/* process_end_linux.c: end a process that is not our child and know when
 * it is gone. A pidfd names the process itself, not a number that could
 * be reused, and becomes readable when it exits (Linux 5.3); where there
 * is none, process_end_generic.c's way. */
#include "steps.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

void dk__process_end(long pid, double seconds)
{
    int fd = (int)syscall(SYS_pidfd_open, (pid_t)pid, 0);
    if (fd < 0) {
        if (errno != ESRCH) /* no pidfds here: the portable way */
            dk__process_end_by_kill(pid, seconds);
        return;
    }
    if (syscall(SYS_pidfd_send_signal, fd, SIGKILL, NULL, 0) == 0) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        while (poll(&p, 1, (int)(seconds * 1000)) < 0 && errno == EINTR)
            ;
    }
    close(fd);
}
