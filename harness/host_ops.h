/* host_ops.h: the operations two or more ways of running subjects
 * (host.h) share, defined once: host_common.c's for the ways whose
 * subject runs as it is, host_windows.c's for every Windows subject
 * (host_wine.c through Wine, host_win32.c natively). */
#ifndef DKCHECK_HOST_OPS_H
#define DKCHECK_HOST_OPS_H

#include "host.h"

/* ---- host_common.c */
/* Always available: nothing to find first. */
const char *host_always_available(char *buf, size_t size);
/* No words before the subject's own: it runs as it is. */
size_t host_no_command(char **argv, size_t max);
/* own_failure where no failure is the host's: every answer is the
 * subject's. */
void host_subject_answers(const char *said);

/* ---- host_windows.c: a Windows subject, its PIDs Windows ones */
bool host_win_alive(pid_t pid);
void host_win_terminate(pid_t pid);
/* A Windows daemon is nobody's child: gone when no process of the case
 * is left but those before its launch. */
bool host_win_ends(pid_t pid, int sig, size_t n_before, double seconds,
                   const char *what, const char **evidence);
bool host_win_only_left(const pid_t *keep, size_t n_keep, size_t n_before,
                        double seconds, const char *what,
                        const char **evidence);
/* Nothing to end: host_win_ends already waited for all of the launch. */
void host_win_end_rest(const pid_t *before, size_t n_before);
/* No signals to read of a Windows PID: only the case's idleness. */
const char *host_win_outlived(pid_t pid, int sig);
/* How long a Windows host watches the case's processes for a quiet
 * window: as long as a starved thread would wait for a processor (1 s on
 * an idle machine, longer under load), at most 4 s. */
double host_win_quiet_window(void);

/* The dk_host fields every Windows subject's host has the same, first in
 * its initializer (host_wine.c, host_win32.c): its kind, paths, lines and
 * processes as case.h's case_win_* calls reach them. */
#define HOST_WINDOWS_SUBJECT                                                   \
    .kind = DK_SUBJECT_WINDOWS, .path = case_win_path,                          \
    .careless_parent = false, .traceable = false, .crlf_lines = true,          \
    .alive = host_win_alive, .dead_pid = case_win_dead_pid,                    \
    .stranger = case_win_stranger, .kill = host_win_terminate,                 \
    .kill_name = "TerminateProcess", .ends = host_win_ends,                    \
    .only_left = host_win_only_left, .end_rest = host_win_end_rest,            \
    .outlived = host_win_outlived, .leftover_states = case_win_temp_states

#endif
