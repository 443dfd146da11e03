/* cloexec_generic.c: cloexec.h where there is no pipe2 nor SOCK_CLOEXEC
 * (macOS). The flag comes just after the pair is made: a thread of the
 * program that forks and execs in between would give its child the pair,
 * which is the caller's to avoid (the library makes these while
 * daemonizing or starting its signal handler, not while other threads
 * spawn). */
#include "cloexec.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

static int both_cloexec(int p[2])
{
    if (fcntl(p[0], F_SETFD, FD_CLOEXEC) == 0 &&
        fcntl(p[1], F_SETFD, FD_CLOEXEC) == 0)
        return 0;
    int e = errno;
    close(p[0]);
    close(p[1]);
    errno = e;
    return -1;
}

int dk__pipe_cloexec(int p[2])
{
    return pipe(p) == 0 ? both_cloexec(p) : -1;
}

int dk__socketpair_cloexec(int p[2])
{
    return socketpair(AF_UNIX, SOCK_STREAM, 0, p) == 0 ? both_cloexec(p) : -1;
}
