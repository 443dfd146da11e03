/* native_win.h: what the native dkcheck.exe's Windows files share (the
 * *_win.c and *_win32.c behind case.h, sandbox.h and host.h), and no
 * portable file uses. */
#ifndef DKCHECK_NATIVE_WIN_H
#define DKCHECK_NATIVE_WIN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <windows.h>

/* s (UTF-8) as UTF-16 in buf (n characters); NULL stays NULL. */
const wchar_t *dk_wide(const char *s, wchar_t *buf, size_t n);

/* ---- the case's processes (job_win.c)
 * Every launch of a case is assigned, still suspended, to one Job object
 * of the case's worker: all a launcher starts, its daemon included, is in
 * the job from its first instruction (a job is inherited; the reference
 * asks for no breakaway), so the job lists the case's processes and ends
 * them all, as the subreaper and the process group do on Unix. */

/* The case's job, made on first use; NULL with a reason in why. */
HANDLE dk_case_job(char *why, size_t size);
/* The PIDs of the job's living processes; how many (at most max). */
size_t dk_case_job_pids(pid_t *out, size_t max);
/* End every process of the job and wait up to seconds until none is
 * left; true if none is. Closes the job. */
bool dk_case_job_end(double seconds);

/* ---- the quiet window (quiet_win32.c) */
/* None of the n processes' threads was charged any processor time for
 * window seconds (and none came or went): they wait for nothing. */
bool dk_win_quiet(const pid_t *living, size_t n, double window);

/* ---- removal (remove_tree_win.c) */
/* Remove path and all below it, never following a link or junction out
 * of it. 0, or -1 with the reason. */
int dk_remove_tree(const char *path, char *why, size_t size);

#endif
