#include "subject_args.h"

#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    if (*name == '\0' || *end != '\0' || n <= 0 || n >= NSIG)
        return -1;
    return (int)n;
}

static int parse_on(const char *spec, subject_args *a, char *why, size_t size)
{
    const char *eq = strchr(spec, '=');
    if (eq == NULL)
        return complain(why, size, "--on %s: expected SIG=ACTION", spec);
    char name[16];
    size_t len = (size_t)(eq - spec);
    if (len >= sizeof name)
        return complain(why, size, "--on %s: unknown signal", spec);
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
        return complain(why, size, "--on %s: action must be default, ignore "
                                   "or log", spec);
    switch (subject_signal_number(name)) {
    case SIGINT: a->on_int = action; return 0;
    case SIGTERM: a->on_term = action; return 0;
    case SIGABRT: a->on_abrt = action; return 0;
    default:
        return complain(why, size, "--on %s: signal must be INT, TERM or ABRT",
                        spec);
    }
}

static int parse_fd(const char *s, int *fd)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || n < 0 || n > INT_MAX)
        return -1;
    *fd = (int)n;
    return 0;
}

static int parse_umask(const char *s, int *mask)
{
    char *end;
    long n = strtol(s, &end, 8);
    if (*s == '\0' || *end != '\0' || n < 0 || n > 0777)
        return -1;
    *mask = (int)n;
    return 0;
}

int subject_parse_args(int argc, char **argv, subject_args *a, char *why,
                       size_t size)
{
    memset(a, 0, sizeof *a);
    a->umask = -1;
    a->mode = MODE_DAEMONIZE;
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        if (strcmp(opt, "--capabilities") == 0) {
            a->mode = MODE_CAPABILITIES;
            continue;
        }
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
                return complain(why, size, "--umask %s: expected octal 0..0777",
                                val);
        } else if (strcmp(opt, "--shield") == 0) {
            if (a->n_shield == SUBJECT_MAX_SHIELD)
                return complain(why, size, "--shield: at most %d fds",
                                SUBJECT_MAX_SHIELD);
            if (parse_fd(val, &a->shield[a->n_shield]) < 0)
                return complain(why, size, "--shield %s: expected an fd number",
                                val);
            a->n_shield++;
        } else if (strcmp(opt, "--on") == 0) {
            if (parse_on(val, a, why, size) < 0)
                return -1;
        } else if (strcmp(opt, "--send") == 0) {
            a->mode = MODE_SEND;
            a->send_signal = subject_signal_number(val);
            if (a->send_signal < 0)
                return complain(why, size, "--send %s: unknown signal", val);
        } else
            return complain(why, size, "%s: unknown option", opt);
    }
    if (a->mode == MODE_CAPABILITIES)
        return 0;
    if (a->pidfile == NULL)
        return complain(why, size, "--pidfile is required");
    if (a->mode == MODE_DAEMONIZE && a->ready == NULL)
        return complain(why, size, "--ready is required");
    return 0;
}
