/* subject_payload.h: what every C subject does once daemonized
 * (CONTRACT.md §2): announce readiness, log signals, wait for ever. */
#ifndef DKCHECK_SUBJECT_PAYLOAD_H
#define DKCHECK_SUBJECT_PAYLOAD_H

/* "ready PID" on stdout and stderr, flushed, then PID and a newline written
 * to ready_path atomically (a temporary file beside it, then rename).
 * 0, or -1 with a one-line reason on stderr. */
int subject_announce_ready(const char *ready_path);
/* Why it failed, in the system's words (call it right after the failure:
 * on Unix it is errno's text). */
const char *subject_announce_error(void);

/* The `log` action: append "signal N" to stdout and flush. */
void subject_log_signal(int signum);

/* What --capabilities prints: the options this OS's payload supports. */
extern const char subject_capabilities[];

/* Sleep until a signal ends the process. */
void subject_wait_forever(void) __attribute__((noreturn));

#endif
