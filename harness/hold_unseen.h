/* hold_unseen.h: H1's forced race without a tracer the subject could see.
 *
 * The traced cases (trace.h) hold launchers under ptrace, which shows in
 * TracerPid: a subject that takes its careful path only when traced
 * passes them. Here each launcher, just before exec, gets a seccomp
 * filter whose calls on paths are answered by a thread of the case
 * (SECCOMP_RET_USER_NOTIF, answered "continue"): no tracer, nothing in
 * TracerPid. Each launcher's first and then its second call naming a path
 * under the watched directory is held until every launcher has reached
 * its own (or has exited): all checks before any create, then all
 * creates at once. What the subject can still see: that a seccomp filter
 * is on it (Seccomp: 2 in /proc/self/status), as on any process a
 * container or systemd unit started, and the time its calls take.
 * One backend per OS (hold_unseen_linux.c; hold_unseen_none.c refuses,
 * and the case skips). */
#ifndef DKCHECK_HOLD_UNSEEN_H
#define DKCHECK_HOLD_UNSEEN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum { UNSEEN_MAX = 4 };

/* Start holding for k launchers (k <= UNSEEN_MAX) at paths strictly under
 * watch_dir; ready[i] is launcher i's ready file (case_next_ready). 0, or
 * -1 with the reason in why (then nothing started). */
int unseen_begin(size_t k, const char *watch_dir, const char *const ready[],
                 char *why, size_t size);
/* In launcher index's child, just before exec: install the filter and
 * hand its listener to the holding thread. Async-signal-safe. 0 or -1. */
int unseen_child_arm(size_t index);
/* In the parent once launcher index is forked: its PID, so that its exit
 * releases the others. */
void unseen_attach(size_t index, pid_t launcher);
/* How many stages held every launcher at once (1: every check came
 * before any create), and what was held, for messages. */
int unseen_forced(void);
const char *unseen_note(void);
/* Stop answering (the case's processes are gone, or going). */
void unseen_end(void);

#endif
