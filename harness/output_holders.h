/* output_holders.h: which processes of a case hold the launcher's stdout
 * or stderr pipe open (U6, U7). dkcheck reads those pipes; a shell's
 * `out=$(launcher ...)` returns only at their end of file, so a daemon
 * keeping a copy hangs its caller for ever. The pipes are found by their
 * inode in every descriptor of every living process of the case. */
#ifndef DKCHECK_OUTPUT_HOLDERS_H
#define DKCHECK_OUTPUT_HOLDERS_H

#include "case.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct output_holder {
    pid_t pid;
    int fd;
    const char *stream;   /* "stdout" or "stderr": the launcher's */
} output_holder;

/* fd (as the observer lists it) is l's launcher's stdout or stderr pipe:
 * that stream's name, or NULL. */
const char *output_pipe_of(const launch *l, const obs_fd *fd);

/* The descriptors of living processes of the case open on l's launcher's
 * stdout or stderr pipe, at most max into out; how many there are. */
size_t output_holders(const launch *l, output_holder *out, size_t max);

/* After l's launcher exited and its daemon is ready: wait (the case's
 * deadline) for both pipes' end of file; if one does not come, FAIL for
 * each holder at a descriptor from lowest to highest (another step judges
 * the others), and BROKEN if no process holds the pipe at all. */
void output_expect_eof(launch *l, int lowest, int highest);

#endif
