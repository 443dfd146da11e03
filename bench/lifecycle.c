/* lifecycle.c: the bare life of a subject, what one dkcheck case costs at
 * the least: start the launcher, see the ready file and the launcher's
 * exit, SIGTERM the daemon, see it gone. One line per lifecycle:
 *   lifecycle SUBJECT I US ok      (or - fail REASON) */
#include "bench.h"
#include "events.h"

#include "../harness/wait.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

enum { DEADLINE_S = 10 };

static const char *one_life(const bench_subject *s, struct timespec *exec_at,
                            double *us)
{
    const char *dir = bench_dir_new();
    char pidfile[PATH_MAX], ready[PATH_MAX];
    snprintf(pidfile, sizeof pidfile, "%s/daemon.pid", dir);
    snprintf(ready, sizeof ready, "%s/ready", dir);
    bench_launch l = {.dir = dir, .pidfile = pidfile, .ready = ready,
                      .nofile = 1024, .barrier = {-1, -1}};
    bench_events ev = {.need_exit = true};
    const char *failure = NULL;
    struct timespec start = bench_now();
    int watch = bench_watch(dir);
    pid_t launcher = watch < 0 ? -1 : bench_spawn(s, &l, exec_at);
    pid_t daemon = -1;
    if (launcher < 0 ||
        bench_wait_events(watch, "ready", launcher, &ev, DEADLINE_S) < 0 ||
        !ev.ready || (daemon = bench_read_pid(ready)) < 0)
        failure = "no-ready-file";
    else if (kill(daemon, SIGTERM) < 0 ||
             !dk_wait_gone(daemon, NULL, NULL, dk_deadline_in(DEADLINE_S)))
        failure = "daemon-outlived-sigterm";
    *us = bench_us(start, bench_now());
    bench_end_all(NULL);
    if (watch >= 0)
        close(watch);
    bench_dir_done(dir);
    return failure;
}

int bench_lifecycle(const bench_subject *s, size_t count)
{
    struct timespec *exec_at = bench_shared(1);
    if (exec_at == NULL)
        return 1;
    for (size_t i = 1; i <= count; i++) {
        double us;
        const char *failure = one_life(s, exec_at, &us);
        if (failure)
            printf("lifecycle %s %zu - fail %s\n", s->name, i, failure);
        else
            printf("lifecycle %s %zu %.1f ok\n", s->name, i, us);
        fflush(stdout);
    }
    return 0;
}
