/* cloexec_linux.c: cloexec.h with the flags that make it atomic. */
#include "cloexec.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

int dk__pipe_cloexec(int p[2])
{
    return pipe2(p, O_CLOEXEC);
}

int dk__socketpair_cloexec(int p[2])
{
    return socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, p);
}
