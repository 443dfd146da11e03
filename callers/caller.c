/* caller.c: the caller side of the caller matrix (caller.h). */
#include "caller.h"
#include "../lib/daemoniker.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

int caller_parse(int argc, char **argv, caller_state *s)
{
    memset(s, 0, sizeof *s);
    s->umask = -1;
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(o, "--sigchld-ignored") == 0) {
            s->sigchld_ignored = true;
            continue;
        }
        if (strcmp(o, "--all-blocked") == 0) {
            s->all_blocked = true;
            continue;
        }
        if (strcmp(o, "--daemon7") == 0) {
            s->daemon7 = true;
            continue;
        }
        if (strcmp(o, "--stall") == 0) {
            s->stall = true;
            continue;
        }
        if (v == NULL) {
            fprintf(stderr, "caller: %s: unknown, or its value missing\n", o);
            return -1;
        }
        i++;
        if (strcmp(o, "--pidfile") == 0)
            s->pidfile = v;
        else if (strcmp(o, "--ready") == 0)
            s->ready = v;
        else if (strcmp(o, "--closed") == 0)
            s->closed = (unsigned)strtoul(v, NULL, 10) & 7u;
        else if (strcmp(o, "--nofile") == 0)
            s->nofile = strtol(v, NULL, 10);
        else if (strcmp(o, "--threads") == 0)
            s->threads = (int)strtol(v, NULL, 10);
        else if (strcmp(o, "--umask") == 0)
            s->umask = (int)strtol(v, NULL, 8);
        else if (strcmp(o, "--second") == 0)
            s->second = v;
        else if (strcmp(o, "--stdout") == 0)
            s->stdout_path = v;
        else if (strcmp(o, "--timeout") == 0)
            s->timeout = strtod(v, NULL);
        else {
            fprintf(stderr, "caller: unknown option %s\n", o);
            return -1;
        }
    }
    if (s->pidfile == NULL || s->ready == NULL) {
        fprintf(stderr, "caller: --pidfile and --ready are required\n");
        return -1;
    }
    return 0;
}

/* The launcher's threads stay busy while it daemonizes: the fork copies
 * only the calling one, whatever the others were doing. */
static void *busy(void *arg)
{
    volatile unsigned long *spin = arg;
    for (;;)
        (*spin)++;
    return NULL;
}

static int announce(const char *ready, const char *word)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", ready);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    int ok = dprintf(fd, "%ld %s\n", (long)getpid(), word) > 0;
    if (close(fd) < 0 || !ok || rename(tmp, ready) < 0) {
        unlink(tmp);
        return -1;
    }
    return 0;
}

int caller_run(const caller_state *s)
{
    static volatile unsigned long spins[64];
    for (int i = 0; i < s->threads && i < 64; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, busy, (void *)&spins[i]) != 0) {
            fprintf(stderr, "caller: cannot start thread %d\n", i);
            return 1;
        }
    }
    if (s->sigchld_ignored)
        signal(SIGCHLD, SIG_IGN);
    if (s->all_blocked) {
        sigset_t all;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, NULL);
    }
    if (s->umask >= 0)
        umask((mode_t)s->umask);
    if (s->nofile > 0) {
        struct rlimit rl;
        getrlimit(RLIMIT_NOFILE, &rl);
        rl.rlim_cur = (rlim_t)s->nofile;
        if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
            fprintf(stderr, "caller: setrlimit: %s\n", strerror(errno));
            return 1;
        }
    }
    for (int fd = 0; fd <= 2; fd++)
        if (s->closed & (1u << fd))
            close(fd);

    dk_options o;
    dk_options_init_profile(&o, s->daemon7 ? DK_PROFILE_DAEMON7
                                           : DK_PROFILE_DAEMONIKER);
    o.pid_file = s->pidfile;
    o.defer_ready = true; /* ready once the ready file is written */
    o.success_timeout = s->timeout > 0 ? s->timeout : 20;
    o.stdout_path = s->stdout_path;
    dk_error err;
    if (dk_daemonize(&o, &err) != DK_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }

    /* The daemon. Stalled, it never reports: its launcher gives up. */
    while (s->stall)
        pause();
    char word[64] = "ok";
    if (s->second != NULL) {
        dk_options again = o;
        again.pid_file = s->second;
        dk_status st = dk_daemonize(&again, &err);
        snprintf(word, sizeof word, "%s",
                 st == DK_ESTATE ? "refused" : "second-call-accepted");
    }
    if (announce(s->ready, word) < 0) {
        char why[300];
        snprintf(why, sizeof why, "caller: %s: cannot write the ready file: "
                 "%s", s->ready, strerror(errno));
        dk_not_ready(why);
        return 1;
    }
    if (dk_ready(&err) != DK_OK) {
        unlink(s->ready);
        dk_not_ready(err.message);
        return 1;
    }
    for (;;)
        pause();
}
