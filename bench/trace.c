/* trace.c: one daemonization under strace -f -c, counting the descriptor
 * closing calls of every process of the subject; the summary goes to out.
 * strace is the launcher here: it exits once every traced process has,
 * so the daemon is killed at its ready file and strace waited for. */
#include "bench.h"
#include "events.h"

#include "../harness/wait.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

enum { DEADLINE_S = 30 };

int bench_trace(const bench_subject *s, rlim_t nofile, const char *out)
{
    const char *dir = bench_dir_new();
    char pidfile[PATH_MAX], ready[PATH_MAX];
    snprintf(pidfile, sizeof pidfile, "%s/daemon.pid", dir);
    snprintf(ready, sizeof ready, "%s/ready", dir);
    char *prefix[] = {"/usr/bin/strace", "-f", "-qq", "-c", "-o", (char *)out,
                      "-e", "trace=close,close_range", "--", NULL};
    bench_launch l = {.dir = dir, .pidfile = pidfile, .ready = ready,
                      .nofile = nofile, .barrier = {-1, -1},
                      .prefix = prefix};
    struct timespec *exec_at = bench_shared(1);
    bench_events ev = {.need_exit = false};
    int watch = bench_watch(dir);
    pid_t strace = watch < 0 || exec_at == NULL ? -1
                                                : bench_spawn(s, &l, exec_at);
    bool ok = strace > 0 &&
              bench_wait_events(watch, "ready", strace, &ev, DEADLINE_S) == 0 &&
              ev.ready;
    if (ok) {
        kill(bench_read_pid(ready), SIGKILL);
        int status;
        ok = ev.exited ||
             dk_wait_child(strace, &status, dk_deadline_in(DEADLINE_S)) == 0;
    }
    if (!ok)
        fprintf(stderr, "bench: %s under strace at nofile %lu: no ready file "
                        "or strace did not end\n",
                s->name, (unsigned long)nofile);
    bench_end_all(NULL);
    if (watch >= 0)
        close(watch);
    bench_dir_done(dir);
    return !ok;
}
