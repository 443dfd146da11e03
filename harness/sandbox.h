/* sandbox.h: what every case has, whatever the OS of its subject: a
 * directory of its own under the run directory, the subject's command split
 * into words, and memory that lives until the case ends. case.h's
 * helpers build on it, for every way of running subjects (host.h). */
#ifndef DKCHECK_SANDBOX_H
#define DKCHECK_SANDBOX_H

#include "verdict.h"

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Make this worker the child subreaper, create SANDBOX (with SANDBOX/launch,
 * the launcher's cwd) and split DKCHECK_SUBJECT. Fails the case as BROKEN
 * when it cannot. */
void sandbox_open(void);
/* Kill and reap every process we spawned or adopted, remove SANDBOX, free
 * what sandbox_alloc gave. Idempotent. */
void sandbox_close(void);

/* How a case whose subject filled its sandbox (a bounded tmpfs) begins
 * its message, at sandbox_close: BROKEN, and the reason the reports give
 * before any other. */
#define SANDBOX_FULL CASE_BROKEN_PREFIX "the subject filled the case's sandbox"

/* Memory freed by sandbox_close. */
void *sandbox_alloc(size_t size);
char *sandbox_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* SANDBOX/name (name itself when absolute). */
const char *sandbox_path(const char *name);
/* Create SANDBOX/name holding content (NULL: empty); its path. */
const char *sandbox_file(const char *name, const char *content);
/* Create the directory SANDBOX/name (mode 0755); its path. */
const char *sandbox_mkdir(const char *name);
/* A directory for a process that dropped to group gid (P1's daemon),
 * which the sandbox, under dkcheck's 0700 private root, cannot be: ours,
 * group gid, mode 01770 (only root and that group enter; sticky: the
 * group cannot remove root's files), in the run's 0711 directory of
 * TMPDIR/dkcheck-EUID.pub (run_root.h). Removed by sandbox_close; its
 * path. */
const char *sandbox_group_dir(gid_t gid);
/* A whole file, NUL-terminated; NULL if it cannot be read. */
const char *sandbox_read(const char *path, size_t *len);

/* The subject's command into argv[0..]: its first word (made absolute if it
 * is a relative path), then the words after it, at most max in all. Returns
 * how many it wrote; the caller appends the contract's options. */
size_t sandbox_command(char **argv, size_t max);

/* ---- what the subject prints ----
 * Never to our own output, never unbounded: each stream the subject gets
 * (the launcher's stdout and stderr, which its daemon inherits; --send's)
 * is a pipe that a thread of the case drains into a log file in the
 * sandbox, keeping the first SANDBOX_LOG_CAP bytes and a line saying when
 * more was discarded. A subject printing without end cannot fill a disk,
 * block on a full pipe, or reach the report. */
#define SANDBOX_LOG_CAP ((size_t)64 * 1024)

/* A new capture logging into path: the write end of its pipe (close-on-
 * exec: dup2 it onto 1 or 2 in the child; close it in the parent). */
int sandbox_capture(const char *path);
/* Take what is left and stop the drainer (sandbox_close, after the
 * subject's processes are killed). */
void sandbox_capture_end(void);
/* Everything written to the captures so far is in their logs (called by
 * sandbox_read). */
void sandbox_capture_sync(void);
/* Bytes the subject wrote into the capture logging to path (kept or
 * not); 0 if path is no capture. */
unsigned long long sandbox_captured(const char *path);
/* The capture logging to path has reached end of file: no process holds
 * its pipe's write end any longer (U6, `out=$(launcher)`). */
bool sandbox_capture_eof(const char *path);
/* The inode of that capture's pipe (as /proc/PID/fd shows it, pipe:[N],
 * in every process holding either end), or 0 if path is no capture. */
unsigned long long sandbox_capture_pipe(const char *path);

/* The first line of a log, quoted for a message: escaped, at most 200
 * bytes, "" if empty. */
const char *sandbox_quote_first_line(const char *path);

/* The subject declares capability (its --capabilities words). */
bool sandbox_has(const char *capability);
/* Skip the case unless it does. */
void sandbox_require(const char *capability);

#endif
