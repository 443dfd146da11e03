/* payload_signals.h: the contract's `--on` handling for subjects whose
 * implementation has no signal API of its own (daemon(3), daemonize(1),
 * start-stop-daemon). `default` leaves the OS default (the implementation
 * has none to offer), `ignore` is SIG_IGN, `log` blocks the signal and a
 * sigwait loop logs it, so logging is ordinary code, not signal context. */
#ifndef DKCHECK_PAYLOAD_SIGNALS_H
#define DKCHECK_PAYLOAD_SIGNALS_H

#include "subject_args.h"

#include <signal.h>

/* Apply a's --on actions; logged gets the signals to log. 0, or -1 with a
 * one-line reason on stderr. Only adds to the mask: resetting what the
 * launcher left (H5) is the implementation's job, not the payload's. */
int payload_signals_start(const subject_args *a, sigset_t *logged);

/* Log every signal of logged as it comes, for ever. */
void payload_serve(const sigset_t *logged) __attribute__((noreturn));

#endif
