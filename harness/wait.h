/* wait.h: waiting for events, each with a deadline; never a fixed sleep.
 *
 * A passing case waits milliseconds; the deadline only bounds a broken
 * subject.  Every deadline is scaled by DKCHECK_TIMEOUT_MUL (default 1), as
 * LTP scales its timeouts by LTP_TIMEOUT_MUL, and follows the machine: it
 * grows with the load and with how slowly the subject started at the
 * beginning of the run (dk_deadline_seconds).
 */
#ifndef DKCHECK_WAIT_H
#define DKCHECK_WAIT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

typedef struct dk_deadline {
    struct timespec at;      /* CLOCK_MONOTONIC */
} dk_deadline;

/* dk_deadline_seconds(seconds) from now. */
dk_deadline dk_deadline_in(double seconds);
/* What a deadline of seconds becomes on this machine now: scaled by
 * DKCHECK_TIMEOUT_MUL, the load, and the run's calibration launch (wait.c
 * says how). 0 stays 0: "already due". */
double dk_deadline_seconds(double seconds);
/* The longest that deadline can become in this run: the same rule at the
 * highest load it counts, for a bound that must outlast deadlines taken
 * later, when the load may have risen. */
double dk_deadline_longest(double seconds);
/* The rule itself, on given figures: seconds times the load per
 * processor (1 to 4), plus ten calibration launches (at most 30 s), times
 * mul. */
double dk_deadline_scale(double seconds, double load_per_cpu,
                         double calibration_ms, double mul);
/* Milliseconds left, 0 when passed. */
int dk_deadline_left_ms(dk_deadline d);
bool dk_deadline_passed(dk_deadline d);

/* Wait for our child pid to exit and reap it. 0 and *status on exit,
 * -1 with errno ETIMEDOUT at the deadline (the child is left running). */
int dk_wait_child(pid_t pid, int *status, dk_deadline d);

/* Wait until pid is no longer alive (exited; reaped by us if it is our
 * child, in which case *status is set and *reaped true). true if gone. */
bool dk_wait_gone(pid_t pid, int *status, bool *reaped, dk_deadline d);

/* Wait until path exists (inotify on its directory, so a rename into place
 * wakes us at once). true if it exists. */
bool dk_wait_file(const char *path, dk_deadline d);

/* Wait until the file at path contains needle. true if found. */
bool dk_wait_file_contains(const char *path, const char *needle,
                           dk_deadline d);

/* Wait until pred(arg) is true, re-checking with a bounded backoff (1 ms
 * doubling to 16 ms) and at once on any child exit.  For conditions the
 * kernel has no event for (a signal no longer pending, a process count).
 * true if pred became true. */
bool dk_wait_until(bool (*pred)(void *arg), void *arg, dk_deadline d);

/* Reap every exited child without blocking; records them (see below). */
void dk_reap_exited(void);
/* Status of a child we reaped earlier: true and *status if known. */
bool dk_reaped_status(pid_t pid, int *status);

#endif
