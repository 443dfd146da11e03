/* reference.c: the subject contract spoken by libdaemoniker.
 *
 * It uses the Daemonizer form, as a program meant to run on Windows too
 * would: its command line crosses to the daemon as the caller's state (the
 * arguments, each ended by a NUL), self-contained bytes that a relaunched
 * process can read back, and is parsed again there. */
#include "../lib/daemoniker.h"
#include "subject_args.h"
#include "subject_payload.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static dk_signal_fn handler_for(subject_action action)
{
    switch (action) {
    case ACTION_IGNORE: return DK_IGNORE_SIGNAL;
    case ACTION_LOG: return subject_log_signal;
    default: return DK_DEFAULT_SIGNAL;
    }
}

static int fail(const char *message)
{
    fprintf(stderr, "%s\n", message);
    return 1;
}

static int send_signal(const subject_args *a)
{
    dk_error err;
    if (dk_send(a->pidfile, a->send_signal, &err) != DK_OK)
        return fail(err.message);
    return 0;
}

/* The launcher is still waiting (defer_ready): whatever fails here is its
 * one line, and it exits non-zero; the daemon exits, its PID file goes. */
static int not_ready(const char *message)
{
    dk_not_ready(message);
    return fail(message);
}

static int daemon_main(const subject_args *a)
{
    dk_error err;
    dk_signals *signals;
    if (dk_signals_new(&signals, a->pidfile, handler_for(a->on_int),
                       handler_for(a->on_term), handler_for(a->on_abrt),
                       &err) != DK_OK ||
        dk_signals_start(signals, &err) != DK_OK)
        return not_ready(err.message);
    /* Ready means the ready file is there and TERM would be handled. */
    if (subject_announce_ready(a->ready) < 0) {
        /* announce's failing call left its error; its report on stderr (not
         * the launcher's) does not change it */
        char why[512];
        snprintf(why, sizeof why, "subject-reference: --ready: cannot write "
                 "the ready file: %s", subject_announce_error());
        return not_ready(why);
    }
    /* Not ready after all: the ready file must not say otherwise. */
    if (dk_ready(&err) != DK_OK) {
        remove(a->ready);
        return not_ready(err.message);
    }
    subject_wait_forever();
}

/* argv[1..] as "arg\0arg\0...". */
static char *pack_args(int argc, char **argv, size_t *len)
{
    size_t total = 0;
    for (int i = 1; i < argc; i++)
        total += strlen(argv[i]) + 1;
    char *buf = malloc(total + 1);
    if (buf == NULL)
        return NULL;
    char *p = buf;
    for (int i = 1; i < argc; i++) {
        size_t n = strlen(argv[i]) + 1; /* not stpcpy: mingw has none */
        memcpy(p, argv[i], n);
        p += n;
    }
    *len = total;
    return buf;
}

/* The inverse; argv[0] is a placeholder, as subject_parse_args skips it. */
static char **unpack_args(const char *buf, size_t len, int *argc)
{
    int n = 1;
    for (size_t i = 0; i < len; i++)
        n += buf[i] == '\0';
    char **argv = calloc((size_t)n + 1, sizeof *argv);
    if (argv == NULL)
        return NULL;
    argv[0] = "subject-reference";
    int k = 1;
    for (size_t i = 0; i < len; i += strlen(buf + i) + 1)
        argv[k++] = (char *)buf + i;
    *argc = k;
    return argv;
}

int main(int argc, char **argv)
{
    subject_args args;
    char why[256];
    if (subject_parse_args(argc, argv, &args, why, sizeof why) < 0) {
        fprintf(stderr, "subject-reference: %s\n", why);
        return 2;
    }
    if (args.mode == MODE_CAPABILITIES) {
        /* The library's success_timeout is ours alone to offer. */
        fputs(subject_capabilities, stdout);
        fputs("timeout\n", stdout);
        return 0;
    }
    if (args.mode == MODE_SEND)
        return send_signal(&args);

    dk_options opts;
    dk_options_init_profile(&opts, args.daemon7 ? DK_PROFILE_DAEMON7
                                                : DK_PROFILE_DAEMONIKER);
    opts.pid_file = args.pidfile;
    if (args.chdir != NULL)
        opts.chdir = args.chdir;
    opts.stdin_path = args.stdin_path;
    opts.stdout_path = args.stdout_path;
    opts.stderr_path = args.stderr_path;
    if (args.umask >= 0)
        opts.umask = args.umask;
    opts.shielded_fds = args.shield;
    opts.n_shielded_fds = args.n_shield;
    opts.defer_ready = true;
    /* --notify-socket only says NOTIFY_SOCKET is meant for us: the library
     * answers it whenever it is set, so the flag needs nothing more. */
    opts.notify_fd = args.notify_fd;
    opts.user = args.user;
    opts.group = args.group;
    if (args.timeout_given)
        opts.success_timeout = args.timeout;

    size_t state_len;
    char *state = pack_args(argc, argv, &state_len);
    if (state == NULL)
        return fail("subject-reference: out of memory");
    dk_daemonizer dz;
    dk_daemonizer_begin(&dz);
    bool is_parent;
    dk_error err;
    dk_status st = dk_daemonizer_run(&dz, &opts, state, state_len, &is_parent,
                                     &err);
    free(state);
    if (st != DK_OK)
        return fail(err.message);
    dk_daemonizer_end(&dz); /* the launcher exits here */

    size_t len;
    const char *saved = dk_daemonizer_state(&dz, &len);
    int daemon_argc;
    char **daemon_argv = unpack_args(saved, len, &daemon_argc);
    subject_args daemon_args;
    int status;
    if (daemon_argv == NULL ||
        subject_parse_args(daemon_argc, daemon_argv, &daemon_args, why,
                           sizeof why) < 0)
        status = not_ready("subject-reference: the daemon's state does not "
                           "parse");
    else
        status = daemon_main(&daemon_args); /* returns only when not ready */
    free(daemon_argv);
    dk_daemonizer_free(&dz);
    return status;
}
