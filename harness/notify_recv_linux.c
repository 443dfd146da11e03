/* notify_recv_linux.c: NOTIFY_SOCKET's receiving end on Linux: SO_PASSCRED
 * makes the kernel attach each datagram's sender (SCM_CREDENTIALS), and a
 * full queue (net.unix.max_dgram_qlen) blocks a sender that waits, as
 * sd_notify's does. */
#include "notify_recv.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define FILLER "dkcheck: filler"

static struct {
    int fd;
    struct sockaddr_un addr;
    socklen_t len;
    bool is_path;
    char short_dir[32];   /* made for a path that did not fit, or "" */
} rx = {.fd = -1};

/* A socket's path must fit in sun_path (108 bytes), the daemon's copy of
 * it too, so a sandbox under a long TMPDIR cannot hold it. Then it goes
 * into a directory of its own under /tmp, whose name always fits: made by
 * mkdtemp (ours, not a name someone could have planted), searchable by
 * all (a daemon that dropped its privileges sends there too), removed
 * with the socket. */
static const char *socket_dir(const char *dir)
{
    struct sockaddr_un a;
    if (strlen(dir) + sizeof "/notify.sock" <= sizeof a.sun_path)
        return dir;
    snprintf(rx.short_dir, sizeof rx.short_dir, "/tmp/dkcheck-notify.XXXXXX");
    if (mkdtemp(rx.short_dir) == NULL || chmod(rx.short_dir, 0711) < 0) {
        int e = errno;
        rx.short_dir[0] = '\0';
        errno = e;
        return NULL;
    }
    return rx.short_dir;
}

int notify_open(bool abstract, const char *dir, char *value, size_t size)
{
    notify_close();
    memset(&rx.addr, 0, sizeof rx.addr);
    rx.addr.sun_family = AF_UNIX;
    char name[sizeof rx.addr.sun_path];
    /* Abstract names are shared by the whole network namespace, which
     * concurrent runs (each with PID namespaces of their own, where PIDs
     * repeat) share: the case's sandbox (mkdtemp's random name) and the
     * time make it the case's own. */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    const char *base = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
    if (abstract)
        snprintf(name, sizeof name, "@dkcheck-notify-%.40s-%ld-%lld.%09ld",
                 base, (long)getpid(), (long long)now.tv_sec, now.tv_nsec);
    else if ((dir = socket_dir(dir)) == NULL)
        return -1;
    else
        snprintf(name, sizeof name, "%s/notify.sock", dir);
    size_t n = strlen(name);
    if (n + 1 >= sizeof rx.addr.sun_path || n + 1 > size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(rx.addr.sun_path, name, n);
    if (abstract)
        rx.addr.sun_path[0] = '\0';
    rx.len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n +
                         (abstract ? 0 : 1));
    int one = 1;
    rx.fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (rx.fd < 0 ||
        setsockopt(rx.fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof one) < 0 ||
        bind(rx.fd, (struct sockaddr *)&rx.addr, rx.len) < 0 ||
        (!abstract && chmod(name, 0777) < 0)) {
        int e = errno;
        notify_close();
        errno = e;
        return -1;
    }
    rx.is_path = !abstract;
    memcpy(value, name, n + 1);
    return 0;
}

/* Send fillers from a fresh non-blocking socket until it must wait. */
static int fill_from_new_socket(unsigned *sent)
{
    int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (s < 0)
        return -1;
    int e = 0;
    *sent = 0;
    for (;;) {
        if (sendto(s, FILLER, sizeof FILLER - 1, 0,
                   (struct sockaddr *)&rx.addr, rx.len) == (ssize_t)(sizeof FILLER - 1)) {
            ++*sent;
            continue;
        }
        e = errno;
        break;
    }
    close(s);
    errno = e;
    return e == EAGAIN || e == EWOULDBLOCK ? 0 : -1;
}

int notify_fill(void)
{
    unsigned sent;
    if (fill_from_new_socket(&sent) < 0)
        return -1;
    /* A sender's own buffer can also say "wait"; a second, empty socket
     * that cannot send a single datagram proves the queue is what is full. */
    if (fill_from_new_socket(&sent) < 0)
        return -1;
    if (sent != 0) {
        errno = ENOBUFS;
        return -1;
    }
    return 0;
}

ssize_t notify_recv(char *buf, size_t size, pid_t *pid, dk_deadline d)
{
    for (;;) {
        struct pollfd p = {.fd = rx.fd, .events = POLLIN};
        int r = poll(&p, 1, dk_deadline_left_ms(d));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0) {
            errno = ETIMEDOUT;
            return -1;
        }
        union {
            struct cmsghdr align;
            char space[CMSG_SPACE(sizeof(struct ucred))];
        } control;
        struct iovec iov = {.iov_base = buf, .iov_len = size - 1};
        struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1,
                             .msg_control = control.space,
                             .msg_controllen = sizeof control.space};
        ssize_t n = recvmsg(rx.fd, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n < 0)
            return -1;
        buf[n] = '\0';
        *pid = 0;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c != NULL;
             c = CMSG_NXTHDR(&msg, c))
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
                struct ucred cred;
                memcpy(&cred, CMSG_DATA(c), sizeof cred);
                *pid = cred.pid;
            }
        if (*pid == getpid() && strcmp(buf, FILLER) == 0)
            continue;
        return n;
    }
}

void notify_close(void)
{
    if (rx.fd >= 0)
        close(rx.fd);
    rx.fd = -1;
    if (rx.is_path)
        unlink(rx.addr.sun_path);
    rx.is_path = false;
    if (rx.short_dir[0] != '\0')
        rmdir(rx.short_dir);
    rx.short_dir[0] = '\0';
}
