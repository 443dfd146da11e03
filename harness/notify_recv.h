/* notify_recv.h: the supervisor's side of systemd's readiness protocol
 * (N1): a datagram socket of dkcheck's own that a subject's daemon finds in
 * NOTIFY_SOCKET, each datagram received with its sender's credentials.
 * One backend per OS (notify_recv_linux.c: SO_PASSCRED); where the sender
 * cannot be known, notify_open fails with ENOTSUP and the cases skip. */
#ifndef DKCHECK_NOTIFY_RECV_H
#define DKCHECK_NOTIFY_RECV_H

#include "wait.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Bind the case's socket: a path in dir (mode 0777, so that a daemon that
 * dropped its privileges can still send; in a directory of its own under
 * /tmp where dir's would not fit in sun_path), or, with abstract, a name in the
 * abstract namespace. value gets what NOTIFY_SOCKET must hold. 0, or -1
 * and errno. One socket per case; closed by notify_close. */
int notify_open(bool abstract, const char *dir, char *value, size_t size);

/* Fill the socket's queue, so that the next sender blocks until the case
 * receives (which is how a case holds a daemon inside its READY=1 send).
 * 0, or -1 and errno. */
int notify_fill(void);

/* The next datagram that is not one of notify_fill's, NUL-terminated in
 * buf, its sender's PID in *pid: its length, or -1 with errno ETIMEDOUT at
 * the deadline (a deadline already passed: only what is queued). */
ssize_t notify_recv(char *buf, size_t size, pid_t *pid, dk_deadline d);

/* Close the socket and remove its path. Idempotent. */
void notify_close(void);

#endif
