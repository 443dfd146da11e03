/* latency.c: exec of the launcher to its ready file, and to its exit.
 *
 * Runs are interleaved (run 1 of every subject at every limit, then run
 * 2, ...) so that drift of a shared machine falls on all alike. One line
 * per run:
 *   latency SUBJECT NOFILE RUN READY_US EXIT_US ok CPU_US
 *   latency SUBJECT NOFILE RUN - - fail REASON
 * CPU_US is the processor time of every process of the run (user and
 * system): we reap them all, so RUSAGE_CHILDREN grows by exactly that.
 * It tells more work from more waiting where wall times are noisy. */
#include "bench.h"
#include "events.h"

#include <limits.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

enum { DEADLINE_S = 10 };

static double children_cpu_us(void)
{
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 +
           (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

static bool one_run(const bench_subject *s, rlim_t nofile, size_t run,
                    struct timespec *exec_at)
{
    const char *dir = bench_dir_new();
    char pidfile[PATH_MAX], ready[PATH_MAX];
    snprintf(pidfile, sizeof pidfile, "%s/daemon.pid", dir);
    snprintf(ready, sizeof ready, "%s/ready", dir);
    bench_launch l = {.dir = dir, .pidfile = pidfile, .ready = ready,
                      .nofile = nofile, .barrier = {-1, -1}};
    bench_events ev = {.need_exit = true};
    double cpu_before = children_cpu_us();
    int watch = bench_watch(dir);
    pid_t launcher = watch < 0 ? -1 : bench_spawn(s, &l, exec_at);
    int waited = launcher < 0 ? -1
                              : bench_wait_events(watch, "ready", launcher,
                                                  &ev, DEADLINE_S);
    bool ok = waited == 0 && ev.ready && ev.exited &&
              WIFEXITED(ev.status) && WEXITSTATUS(ev.status) == 0;
    bench_end_all(ev.ready ? ready : NULL);
    double cpu = children_cpu_us() - cpu_before;
    printf("latency %s %lu %zu ", s->name, (unsigned long)nofile, run);
    if (ok)
        printf("%.1f %.1f ok %.0f\n", bench_us(*exec_at, ev.ready_at),
               bench_us(*exec_at, ev.exit_at), cpu);
    else
        printf("- - fail %s\n",
               launcher < 0 ? "cannot-start"
               : !ev.exited ? "launcher-did-not-exit"
               : !ev.ready  ? "no-ready-file"
                            : "launcher-exit-nonzero");
    fflush(stdout);
    if (watch >= 0)
        close(watch);
    bench_dir_done(dir);
    return ok;
}

int bench_latency(const bench_subject *s, size_t n, size_t runs,
                  const rlim_t *limits, size_t n_limits)
{
    struct timespec *exec_at = bench_shared(1);
    if (exec_at == NULL)
        return 1;
    size_t failed = 0;
    for (size_t run = 1; run <= runs; run++)
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n_limits; j++)
                failed += !one_run(&s[i], limits[j], run, exec_at);
    if (failed > 0)
        fprintf(stderr, "bench: %zu latency runs failed (see the fail lines)\n",
                failed);
    return 0;
}
