/* case_private.h: what the parts of case.h's implementation share, and
 * no case uses (case.c, case_inherit.c, case_launch.c, case_living.c,
 * case_precondition.c). */
#ifndef DKCHECK_CASE_PRIVATE_H
#define DKCHECK_CASE_PRIVATE_H

#include "case.h"

#include <stdbool.h>
#include <sys/resource.h>

#define CASE_MAX_ARGS 64

/* What a failure of case.h's helpers is about, before its own words
 * (case_context): "" for the case's own launches. */
const char *case_current_context(void);

/* What a process printed, quoted briefly for a message that it explains:
 * "" if nothing, else "; it printed N bytes on stdout, M on stderr,
 * first: \"...\"". */
const char *case_printed(const char *out, const char *err);

/* The command that runs the subject (host.h's words first); how many
 * words, at most max. */
size_t case_subject_command(char **argv, size_t max);

/* Close what the case's launches hold (their terminals) and forget them. */
void case_launches_end(void);

/* What a launcher inherits, set up in the child between fork and exec
 * (case_inherit.c). */
typedef struct case_inheritance {
    int barrier[2];             /* exec once barrier[0] reads EOF; or -1 */
    const char *pty_slave;
    bool worker_has_terminal;   /* keep_terminal: join, do not lead */
    const char *launch_dir;
    int out, err;               /* capture pipes (sandbox_capture) */
    const char *inherited[4];   /* paths for the low, shield and high fds */
    const char *near_limit;     /* H7 */
    const char *notify_fifo;    /* N2: opened for writing as CASE_NOTIFY_FD */
    rlim_t limit;
    const struct trace_session *trace; /* traced launch (trace.h), or NULL */
    int unseen;                 /* its index under hold_unseen.h, or -1 */
    bool careless_parent;       /* host.h's: all of it, not only stdio and cwd */
    unsigned closed_stdio;      /* launch_spec's */
} case_inheritance;

/* In the forked child: set up in, then exec argv; never returns (exit 126
 * with "dkcheck: BROKEN: ..." on stderr for a set-up that failed, 127 for
 * an exec that failed). */
void case_exec_launcher(char **argv, const case_inheritance *in)
    __attribute__((noreturn));

/* Past the newline that ends a PID's line at end (the character after
 * its digits), or NULL: "\n", or "\r\n" where the host allows it. */
const char *case_after_line_end(const char *end);

/* The exit status and the first stderr line by which case_exec_launcher's
 * child says its set-up failed: the harness's fault, not the subject's. */
#define CASE_SETUP_FAILED 126
#define CASE_SETUP_FAILED_LINE "dkcheck: BROKEN"

#endif
