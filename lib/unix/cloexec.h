/* cloexec.h: descriptor pairs that are close-on-exec from birth where the
 * OS can (cloexec_linux.c: pipe2, SOCK_CLOEXEC), and just after elsewhere
 * (cloexec_generic.c: macOS has neither). */
#ifndef DK_UNIX_CLOEXEC_H
#define DK_UNIX_CLOEXEC_H

/* pipe(2), both ends close-on-exec. 0, or -1 with errno. */
int dk__pipe_cloexec(int p[2]);

/* socketpair(AF_UNIX, SOCK_STREAM), both ends close-on-exec. 0, or -1
 * with errno. */
int dk__socketpair_cloexec(int p[2]);

#endif
