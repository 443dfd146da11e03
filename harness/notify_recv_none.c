/* notify_recv_none.c: no backend reads a datagram's sender here. */
#include "notify_recv.h"

#include <errno.h>

int notify_open(bool abstract, const char *dir, char *value, size_t size)
{
    (void)abstract;
    (void)dir;
    (void)value;
    (void)size;
    errno = ENOTSUP;
    return -1;
}

int notify_fill(void)
{
    errno = ENOTSUP;
    return -1;
}

ssize_t notify_recv(char *buf, size_t size, pid_t *pid, dk_deadline d)
{
    (void)buf;
    (void)size;
    (void)pid;
    (void)d;
    errno = ENOTSUP;
    return -1;
}

void notify_close(void)
{
}
