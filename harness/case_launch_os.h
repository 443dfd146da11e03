/* case_launch_os.h: what case_launch.c's shared launching asks of the OS,
 * one file per OS (libuv's way): case_launch_unix.c (fork, exec between
 * them case_inherit.c's careless parent, waitpid) and case_launch_win.c
 * (CreateProcessW, suspended until it is in the case's Job object). The
 * record of a launch, its command line, the verdicts on its exit and on
 * the daemon it left are the same on both and stay in case_launch.c. */
#ifndef DKCHECK_CASE_LAUNCH_OS_H
#define DKCHECK_CASE_LAUNCH_OS_H

#include "case_private.h"
#include "wait.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- given by case_launch.c */
/* The case's next launch, its paths set (pidfile, ready file, logs) and
 * nothing started; k, its index, in *index. */
launch *case_launch_new(const launch_spec *s, size_t *index);
/* The words that run the subject as launcher of l (argv, NULL ended). */
char **case_launcher_argv(const launch *l, const launch_spec *s);
/* path as the subject names it; NULL stays NULL. */
const char *case_subject_path(const char *path);

/* ---- given by each OS's file */
/* Let go of what launch l, the case's k-th, holds (a terminal, a process
 * handle). */
void case_launch_os_forget(launch *l, size_t k);
/* Wait for the launcher of l, the case's k-th launch, until d: true and
 * its raw status (a wait status, an exit code) in l->status when it
 * ended. */
bool case_launch_os_wait(launch *l, size_t k, dk_deadline d);
/* A raw status as an exit code (128 + signal for a signal's end);
 * *exited false where it did not exit by itself. */
int case_launch_os_code(int status, bool *exited);
/* Run argv (--send), stdin null, stdout and stderr to the open out and
 * err (closed here), until d: its PID in *pid; true and its raw status
 * in *status when it ended. */
bool case_send_os_run(char **argv, int out, int err, pid_t *pid, int *status,
                      dk_deadline d);

#endif
