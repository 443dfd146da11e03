/* notify_systemd.c: systemd's readiness protocol (sd_notify(3)), written
 * here rather than linking libsystemd: one datagram of "KEY=VALUE" lines to
 * the AF_UNIX socket NOTIFY_SOCKET names, a path or, with a leading '@',
 * an address in the abstract namespace. */
#include "steps.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* macOS has neither flag. The socket is closed right after its one send,
 * and a datagram sendto raises no SIGPIPE there. */
#ifndef SOCK_CLOEXEC
#define SOCK_CLOEXEC 0
#endif
#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0
#endif

/* The address, kept at readiness (NOTIFY_SOCKET is gone from the
 * environment by then) for STOPPING=1, which a signal handler sends. */
static struct {
    struct sockaddr_un addr;
    socklen_t len;
    bool known;
} target;

/* 0 and the address in target, or -1 with a reason (bad variable). */
static int parse_address(const char *value, char *why, size_t size)
{
    size_t n = strlen(value);
    if (n < 2 || (value[0] != '/' && value[0] != '@')) {
        snprintf(why, size, "NOTIFY_SOCKET \"%.200s\" is neither an absolute "
                 "path nor @name", value);
        return -1;
    }
    if (n >= sizeof target.addr.sun_path) {
        snprintf(why, size, "NOTIFY_SOCKET is %zu bytes, more than a socket "
                 "address holds", n);
        return -1;
    }
    memset(&target.addr, 0, sizeof target.addr);
    target.addr.sun_family = AF_UNIX;
    memcpy(target.addr.sun_path, value, n);
    /* Abstract: a NUL first, and the length says where the name ends. */
    if (value[0] == '@')
        target.addr.sun_path[0] = '\0';
    target.len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n +
                             (value[0] == '@' ? 0 : 1));
    target.known = true;
    return 0;
}

/* socket, sendto, close: async-signal-safe, for the stopping path. */
static int send_datagram(const char *text)
{
    int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -1;
    /* Blocking, as sd_notify: a full queue delays the daemon, it does not
     * lose the word. MSG_NOSIGNAL: no SIGPIPE whatever the peer. */
    ssize_t n = sendto(s, text, strlen(text), MSG_NOSIGNAL,
                       (const struct sockaddr *)&target.addr, target.len);
    int e = errno;
    close(s);
    errno = e;
    return n < 0 ? -1 : 0;
}

dk_status dk__notify_systemd_ready(dk_error *err)
{
    const char *value = getenv("NOTIFY_SOCKET");
    if (value == NULL)
        return DK_OK;
    char why[300];
    if (parse_address(value, why, sizeof why) < 0)
        return dk__fail(err, DK_EINVAL, "N1", 0, "%s", why);
    unsetenv("NOTIFY_SOCKET");
    char text[64];
    snprintf(text, sizeof text, "READY=1\nMAINPID=%ld", (long)getpid());
    if (send_datagram(text) < 0)
        return dk__fail(err, DK_ESYS, "N1", errno, "READY=1 to NOTIFY_SOCKET "
                        "%s", value);
    return DK_OK;
}

void dk_notify_stopping(void)
{
    if (target.known)
        (void)send_datagram("STOPPING=1");
}
