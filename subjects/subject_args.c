#include "subject_args.h"

#include <limits.h>
#include <stdbool.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Room kept for a quoted argument in a reason: a long path is cut in its
 * middle, so the reason around it (and the path's two ends) survive. */
#define QUOTE_MAX 120

/* arg, or its two ends around "...", in a static buffer of one of two. */
static const char *quoted(const char *arg)
{
    static char bufs[2][QUOTE_MAX + 1];
    static unsigned turn;
    size_t len = strlen(arg);
    if (len <= QUOTE_MAX)
        return arg;
    char *buf = bufs[turn++ % 2];
    size_t head = QUOTE_MAX / 2 - 2, tail = QUOTE_MAX - head - 3;
    snprintf(buf, QUOTE_MAX + 1, "%.*s...%s", (int)head, arg,
             arg + len - tail);
    return buf;
}

static int complain(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    /* The reason is one line, whatever an argument quoted in it held. */
    for (char *p = why; size > 0 && *p != '\0'; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return -1;
}

/* Digits only: strtol alone would take leading blanks and a sign. */
static bool all_digits(const char *s, int base)
{
    if (*s == '\0')
        return false;
    for (; *s != '\0'; s++)
        if (*s < '0' || *s >= '0' + base)
            return false;
    return true;
}

int subject_signal_number(const char *name)
{
    static const struct { const char *name; int number; } names[] = {
        {"INT", SIGINT}, {"TERM", SIGTERM}, {"ABRT", SIGABRT}};
    if (strncmp(name, "SIG", 3) == 0)
        name += 3;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0)
            return names[i].number;
    char *end;
    long n = strtol(name, &end, 10);
    if (!all_digits(name, 10) || *end != '\0' || n <= 0 || n >= NSIG)
        return -1;
    return (int)n;
}

static int parse_on(const char *spec, subject_args *a, char *why, size_t size)
{
    const char *eq = strchr(spec, '=');
    if (eq == NULL)
        return complain(why, size, "--on: expected SIG=ACTION, got \"%s\"",
                        quoted(spec));
    char name[16];
    size_t len = (size_t)(eq - spec);
    if (len >= sizeof name)
        return complain(why, size, "--on: unknown signal in \"%s\"",
                        quoted(spec));
    memcpy(name, spec, len);
    name[len] = '\0';

    subject_action action;
    if (strcmp(eq + 1, "default") == 0)
        action = ACTION_DEFAULT;
    else if (strcmp(eq + 1, "ignore") == 0)
        action = ACTION_IGNORE;
    else if (strcmp(eq + 1, "log") == 0)
        action = ACTION_LOG;
    else
        return complain(why, size, "--on: action must be default, ignore "
                                   "or log, got \"%s\"", quoted(spec));
    subject_action *slot;
    switch (subject_signal_number(name)) {
    case SIGINT: slot = &a->on_int; break;
    case SIGTERM: slot = &a->on_term; break;
    case SIGABRT: slot = &a->on_abrt; break;
    default:
        return complain(why, size, "--on: signal must be INT, TERM or ABRT, "
                        "got \"%s\"", quoted(spec));
    }
    if (*slot != ACTION_UNSET)
        return complain(why, size, "--on: signal %s given twice", name);
    *slot = action;
    return 0;
}

static int parse_fd(const char *s, int *fd)
{
    if (!all_digits(s, 10))
        return -1;
    char *end;
    long n = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || n < 0 || n > INT_MAX)
        return -1;
    *fd = (int)n;
    return 0;
}

static int parse_umask(const char *s, int *mask)
{
    if (!all_digits(s, 8))
        return -1;
    char *end;
    long n = strtol(s, &end, 8);
    if (*s == '\0' || *end != '\0' || n < 0 || n > 0777)
        return -1;
    *mask = (int)n;
    return 0;
}

/* The options that take a value, in the order of the contract. */
static const char *const value_options[] = {
    "--pidfile", "--ready", "--chdir", "--stdin", "--stdout", "--stderr",
    "--umask", "--shield", "--on", "--send", "--notify-fd", "--user",
    "--group", "--profile", "--timeout"};
#define N_VALUE_OPTIONS (sizeof value_options / sizeof value_options[0])

static int option_index(const char *opt)
{
    for (size_t i = 0; i < N_VALUE_OPTIONS; i++)
        if (strcmp(opt, value_options[i]) == 0)
            return (int)i;
    return -1;
}

int subject_parse_args(int argc, char **argv, subject_args *a, char *why,
                       size_t size)
{
    memset(a, 0, sizeof *a);
    a->umask = -1;
    a->notify_fd = -1;
    a->mode = MODE_DAEMONIZE;
    bool seen[N_VALUE_OPTIONS] = {false};
    bool seen_capabilities = false;
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "--notify-socket") == 0) {
            if (a->notify_socket)
                return complain(why, size, "--notify-socket: given twice");
            a->notify_socket = true;
            continue;
        }
        if (strcmp(opt, "--capabilities") == 0) {
            if (seen_capabilities)
                return complain(why, size, "--capabilities: given twice");
            seen_capabilities = true;
            a->mode = MODE_CAPABILITIES;
            continue;
        }
        int k = option_index(opt);
        if (k < 0)
            return complain(why, size, "unknown option: %s", quoted(opt));
        /* --shield and --on add to a list; the others are given once. */
        if (seen[k] && strcmp(opt, "--shield") != 0 && strcmp(opt, "--on") != 0)
            return complain(why, size, "%s: given twice", opt);
        seen[k] = true;
        if (i + 1 >= argc)
            return complain(why, size, "%s: missing value", opt);
        const char *val = argv[++i];
        if (strcmp(opt, "--pidfile") == 0)
            a->pidfile = val;
        else if (strcmp(opt, "--ready") == 0)
            a->ready = val;
        else if (strcmp(opt, "--chdir") == 0)
            a->chdir = val;
        else if (strcmp(opt, "--stdin") == 0)
            a->stdin_path = val;
        else if (strcmp(opt, "--stdout") == 0)
            a->stdout_path = val;
        else if (strcmp(opt, "--stderr") == 0)
            a->stderr_path = val;
        else if (strcmp(opt, "--umask") == 0) {
            if (parse_umask(val, &a->umask) < 0)
                return complain(why, size, "--umask: expected octal digits "
                                "0..0777, got \"%s\"", quoted(val));
        } else if (strcmp(opt, "--shield") == 0) {
            if (a->n_shield == SUBJECT_MAX_SHIELD)
                return complain(why, size, "--shield: at most %d fds",
                                SUBJECT_MAX_SHIELD);
            if (parse_fd(val, &a->shield[a->n_shield]) < 0)
                return complain(why, size, "--shield: expected an fd number, "
                                "got \"%s\"", quoted(val));
            a->n_shield++;
        } else if (strcmp(opt, "--on") == 0) {
            if (parse_on(val, a, why, size) < 0)
                return -1;
        } else if (strcmp(opt, "--notify-fd") == 0) {
            if (parse_fd(val, &a->notify_fd) < 0 || a->notify_fd < 3)
                return complain(why, size, "--notify-fd: expected an fd "
                                "number of 3 or more, got \"%s\"",
                                quoted(val));
        } else if (strcmp(opt, "--user") == 0) {
            if (val[0] == '\0')
                return complain(why, size, "--user is empty");
            a->user = val;
        } else if (strcmp(opt, "--profile") == 0) {
            if (strcmp(val, "daemon7") != 0 && strcmp(val, "daemoniker") != 0)
                return complain(why, size, "--profile: expected daemoniker "
                                "or daemon7, got \"%s\"", quoted(val));
            a->daemon7 = strcmp(val, "daemon7") == 0;
        } else if (strcmp(opt, "--timeout") == 0) {
            /* A number, any number (nan and -1 too): whether it is a
             * usable timeout is what the library must say (H8). */
            char *end;
            a->timeout = strtod(val, &end);
            if (val[0] == '\0' || *end != '\0')
                return complain(why, size, "--timeout: expected a number of "
                                "seconds, got \"%s\"", quoted(val));
            a->timeout_given = true;
        } else if (strcmp(opt, "--group") == 0) {
            if (val[0] == '\0')
                return complain(why, size, "--group is empty");
            a->group = val;
        } else {
            a->mode = MODE_SEND;
            a->send_signal = subject_signal_number(val);
            if (a->send_signal < 0)
                return complain(why, size, "--send: unknown signal \"%s\"",
                                quoted(val));
        }
    }
    if (a->mode == MODE_CAPABILITIES)
        return 0;
    if (a->pidfile == NULL)
        return complain(why, size, "--pidfile is required");
    if (a->mode == MODE_DAEMONIZE && a->ready == NULL)
        return complain(why, size, "--ready is required");
    if (a->pidfile[0] == '\0')
        return complain(why, size, "--pidfile is empty");
    if (a->ready != NULL && a->ready[0] == '\0')
        return complain(why, size, "--ready is empty");
    if (a->group != NULL && a->user == NULL)
        return complain(why, size, "--group needs --user");
    /* Options naming one file (--ready or --stdout the PID file) are not
     * refused here: this parser is shared by adapters, which must not
     * answer for their implementation (CONTRACT.md, "What an adapter may
     * decide"); libdaemoniker refuses them itself. */
    return 0;
}
