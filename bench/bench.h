/* bench.h: the benchmark driver's parts (make bench, scripts/bench).
 *
 * The driver starts subjects the way an operator would (a fresh directory,
 * nothing inherited but stdio and one fd near the RLIMIT_NOFILE it sets),
 * timestamps with CLOCK_MONOTONIC, waits for events (inotify, pidfds),
 * never sleeps, and kills and reaps everything a run made before the next
 * one starts. Each mode prints one line per run; scripts/bench does the
 * statistics. */
#ifndef DKBENCH_BENCH_H
#define DKBENCH_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <time.h>

enum { BENCH_MAX_SUBJECTS = 16, BENCH_MAX_LAUNCHERS = 64 };

/* One implementation: a name for the report and the program speaking the
 * subject contract. */
typedef struct bench_subject {
    const char *name;
    const char *program;
} bench_subject;

/* How one launcher is started. */
typedef struct bench_launch {
    const char *dir;        /* its cwd; "ready" files and the PID file go here */
    const char *pidfile;
    const char *ready;
    rlim_t nofile;          /* its soft RLIMIT_NOFILE, an fd planted at nofile-1 */
    int barrier[2];         /* exec only at EOF on [0]; {-1, -1} for none */
    char *const *prefix;    /* words run before the subject (strace ...), or NULL */
} bench_launch;

/* Descriptors besides the one at the top that every launcher inherits
 * open (3, 4, ...; at most its limit less 16): dkbench latency --open N. */
extern size_t bench_open_fds;

/* Fork and exec s->program with the contract's --pidfile and --ready. The
 * child stores CLOCK_MONOTONIC in *exec_at just before execve (exec_at
 * must be shared memory, see bench_shared). Returns the launcher's PID. */
pid_t bench_spawn(const bench_subject *s, const bench_launch *l,
                  struct timespec *exec_at);

/* n timespecs in memory a forked child writes and we read. */
struct timespec *bench_shared(size_t n);

/* The soft limit to use for "hard": the hard limit, capped at 1<<20. */
rlim_t bench_hard_nofile(void);

/* A fresh empty directory under the run directory; bench_dir_done removes
 * it with everything in it. */
const char *bench_dir_new(void);
void bench_dir_done(const char *dir);

/* The PID a ready file holds, or -1. */
pid_t bench_read_pid(const char *path);

/* Kill the daemon the ready file names and everything else still running
 * below us, and reap it all. Returns how many were killed. */
size_t bench_end_all(const char *ready);

/* Microseconds from a to b. */
double bench_us(struct timespec a, struct timespec b);
struct timespec bench_now(void);

/* The modes, each printing its lines on stdout; 0 or 1. */
int bench_latency(const bench_subject *s, size_t n, size_t runs,
                  const rlim_t *limits, size_t n_limits);
int bench_trace(const bench_subject *s, rlim_t nofile, const char *out);
int bench_contend(const bench_subject *s, size_t n, size_t k, size_t reps);
int bench_lifecycle(const bench_subject *s, size_t count);

#endif
