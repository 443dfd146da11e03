/* contend.c: K launchers released at once (a pipe barrier, as the H1
 * case does) on one PID file. The run has settled when every launcher has
 * exited and every process still alive below us is a daemon that wrote
 * its ready file; the daemons are then counted. One line per repetition:
 *   contend SUBJECT K REP DAEMONS ALL_EXITED_US LAUNCHERS_OK
 *   contend SUBJECT K REP - - - fail REASON */
#include "bench.h"

#include "../harness/observe.h"
#include "../harness/wait.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

enum { DEADLINE_S = 30 };

typedef struct settle {
    const char *dir;
    size_t k;
    size_t daemons;
} settle;

static bool named_by_ready_file(const settle *s, pid_t pid)
{
    char path[PATH_MAX];
    for (size_t i = 0; i < s->k; i++) {
        snprintf(path, sizeof path, "%s/ready.%zu", s->dir, i);
        if (bench_read_pid(path) == pid)
            return true;
    }
    return false;
}

static bool settled(void *arg)
{
    settle *s = arg;
    pid_t live[BENCH_MAX_LAUNCHERS * 4];
    dk_reap_exited();
    size_t n = obs_descendants(getpid(), live, sizeof live / sizeof *live);
    for (size_t i = 0; i < n; i++)
        if (!named_by_ready_file(s, live[i]))
            return false;
    s->daemons = n;
    return true;
}

static const char *one_rep(const bench_subject *subject, size_t k,
                           struct timespec *exec_at, size_t *daemons,
                           double *all_exited_us, size_t *launchers_ok)
{
    const char *dir = bench_dir_new();
    char pidfile[PATH_MAX], ready[PATH_MAX];
    snprintf(pidfile, sizeof pidfile, "%s/daemon.pid", dir);
    int barrier[2];
    if (pipe2(barrier, O_CLOEXEC) < 0)
        return "pipe";
    pid_t launcher[BENCH_MAX_LAUNCHERS];
    for (size_t i = 0; i < k; i++) {
        snprintf(ready, sizeof ready, "%s/ready.%zu", dir, i);
        bench_launch l = {.dir = dir, .pidfile = pidfile, .ready = ready,
                          .nofile = 1024, .barrier = {barrier[0], barrier[1]}};
        launcher[i] = bench_spawn(subject, &l, &exec_at[i]);
    }
    close(barrier[0]);
    struct timespec released = bench_now(), last = released;
    close(barrier[1]); /* EOF: every launcher execs now */

    const char *failure = NULL;
    dk_deadline d = dk_deadline_in(DEADLINE_S);
    *launchers_ok = 0;
    /* Waiting in turn still finds the last exit in time: the one that
     * exits last is reaped as it exits, the others had gone before. */
    for (size_t i = 0; i < k; i++) {
        int status;
        if (launcher[i] < 0 || dk_wait_child(launcher[i], &status, d) < 0) {
            failure = "launcher-did-not-exit";
            continue;
        }
        last = bench_now();
        *launchers_ok += WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    *all_exited_us = bench_us(released, last);
    settle s = {.dir = dir, .k = k};
    if (failure == NULL && !dk_wait_until(settled, &s, d))
        failure = "a-process-neither-exited-nor-got-ready";
    *daemons = s.daemons;
    bench_end_all(NULL);
    bench_dir_done(dir);
    return failure;
}

int bench_contend(const bench_subject *s, size_t n, size_t k, size_t reps)
{
    if (k < 1 || k > BENCH_MAX_LAUNCHERS) {
        fprintf(stderr, "bench: contend: K must be 1..%d\n",
                BENCH_MAX_LAUNCHERS);
        return 1;
    }
    struct timespec *exec_at = bench_shared(k);
    if (exec_at == NULL)
        return 1;
    for (size_t rep = 1; rep <= reps; rep++)
        for (size_t i = 0; i < n; i++) {
            size_t daemons, ok;
            double us;
            const char *failure = one_rep(&s[i], k, exec_at, &daemons, &us, &ok);
            if (failure)
                printf("contend %s %zu %zu - - - fail %s\n", s[i].name, k, rep,
                       failure);
            else
                printf("contend %s %zu %zu %zu %.1f %zu\n", s[i].name, k, rep,
                       daemons, us, ok);
            fflush(stdout);
        }
    return 0;
}
