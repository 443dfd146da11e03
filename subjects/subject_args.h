/* subject_args.h: the subject contract's command line (CONTRACT.md §2),
 * parsed once for every subject written in C. */
#ifndef DKCHECK_SUBJECT_ARGS_H
#define DKCHECK_SUBJECT_ARGS_H

#include <stdbool.h>
#include <stddef.h>

#define SUBJECT_MAX_SHIELD 64

typedef enum subject_action {
    ACTION_UNSET = 0,
    ACTION_DEFAULT,
    ACTION_IGNORE,
    ACTION_LOG
} subject_action;

typedef enum subject_mode {
    MODE_DAEMONIZE,
    MODE_SEND,
    MODE_CAPABILITIES
} subject_mode;

typedef struct subject_args {
    subject_mode mode;
    const char *pidfile;
    const char *ready;
    const char *chdir;
    const char *stdin_path, *stdout_path, *stderr_path;
    int umask;                       /* -1: not given */
    int shield[SUBJECT_MAX_SHIELD];
    size_t n_shield;
    subject_action on_int, on_term, on_abrt;
    int send_signal;
    bool notify_socket;              /* --notify-socket: NOTIFY_SOCKET is set */
    int notify_fd;                   /* --notify-fd N; -1: not given */
    const char *user, *group;        /* --user, --group */
    bool daemon7;                    /* --profile daemon7 */
    bool timeout_given;              /* --timeout SECONDS */
    double timeout;                  /* as written: its range is the
                                      * implementation's to judge */
} subject_args;

/* 0 on success; -1 with a one-line reason in why. */
int subject_parse_args(int argc, char **argv, subject_args *out, char *why,
                       size_t why_size);

/* "INT", "SIGINT" or a number -> signal number, or -1. */
int subject_signal_number(const char *name);

#endif
