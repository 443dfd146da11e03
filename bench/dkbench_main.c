/* dkbench_main.c: the benchmark driver's command line (scripts/bench
 * runs it; BENCH.md shows what it measures).
 *
 *   dkbench latency   [--runs N] [--nofile 1024,hard] [--open N] NAME=PROGRAM...
 *   dkbench trace     --nofile L --out FILE NAME=PROGRAM
 *   dkbench contend   --k K [--reps N] NAME=PROGRAM...
 *   dkbench lifecycle --count N NAME=PROGRAM
 *
 * The run happens where dkcheck's does: in a PID namespace of its own
 * where permitted (the kernel ends every process of it, however we end),
 * else as the child subreaper. */
#include "bench.h"

#include "../harness/isolate.h"
#include "../harness/run_config.h"
#include "../harness/teardown.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void die(const char *fmt, const char *arg) __attribute__((noreturn));
static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "dkbench: ");
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(2);
}

static size_t count_arg(const char *s)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v == 0 || v > 1000000)
        die("'%s': expected a count from 1 to 1000000", s);
    return v;
}

static rlim_t nofile_arg(const char *s)
{
    if (strcmp(s, "hard") == 0)
        return bench_hard_nofile();
    size_t v = count_arg(s);
    if (v < 64 || v > bench_hard_nofile())
        die("--nofile %s: outside 64 .. the hard limit", s);
    return v;
}

static size_t parse_limits(char *list, rlim_t *out, size_t max)
{
    size_t n = 0;
    for (char *w = strtok(list, ","); w && n < max; w = strtok(NULL, ","))
        out[n++] = nofile_arg(w);
    return n;
}

static size_t parse_subjects(int argc, char **argv, bench_subject *out)
{
    static char programs[BENCH_MAX_SUBJECTS][PATH_MAX];
    size_t n = 0;
    for (int i = optind; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (eq == NULL || eq == argv[i] || eq[1] == '\0')
            die("'%s': expected NAME=PROGRAM", argv[i]);
        if (n == BENCH_MAX_SUBJECTS)
            die("more than %s subjects", "16");
        *eq = '\0';
        /* Absolute: the launcher starts in a directory of its own. */
        char *program = realpath(eq + 1, programs[n]);
        if (program == NULL || access(program, X_OK) < 0)
            die("%s: not an executable file", eq + 1);
        out[n++] = (bench_subject){.name = argv[i], .program = program};
    }
    if (n == 0)
        die("%s", "no subject given (NAME=PROGRAM)");
    return n;
}

/* A run directory like dkcheck's, so that `dkcheck --reap` and the next
 * run clean up after a dkbench that was killed. */
static char run[PATH_MAX];

static void end_run(void)
{
    dk_kill_descendants();
    dk_remove_tree(run);
}

static void isolate(void)
{
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    dk_reap_stale_runs(tmp, false);
    snprintf(run, sizeof run, "%s/dkcheck.bench.XXXXXX", tmp);
    if (mkdtemp(run) == NULL || dk_mark_run(run) < 0)
        die("cannot create a run directory in %s", tmp);
    setenv("DKBENCH_RUNDIR", run, 1);
    run_config_set("DKCHECK_RUNDIR", run);
    /* Inside the namespace our PID is not 1 (its init is a process of its
     * own), so orphaned daemons come to us only as the subreaper. */
    if (dk_isolate_run(run) < 0)
        atexit(end_run);
    dk_become_subreaper();
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"runs", required_argument, NULL, 'r'},
        {"nofile", required_argument, NULL, 'n'},
        {"open", required_argument, NULL, 'O'},
        {"out", required_argument, NULL, 'o'},
        {"k", required_argument, NULL, 'k'},
        {"reps", required_argument, NULL, 'p'},
        {"count", required_argument, NULL, 'c'},
        {NULL, 0, NULL, 0},
    };
    if (argc < 2)
        die("%s", "usage: dkbench latency|trace|contend|lifecycle ...");
    const char *mode = argv[1];
    static const char *const modes[] = {"latency", "trace", "contend",
                                        "lifecycle"};
    bool known = false;
    for (size_t i = 0; i < sizeof modes / sizeof *modes; i++)
        known = known || strcmp(mode, modes[i]) == 0;
    if (!known)
        die("'%s': modes are latency, trace, contend, lifecycle", mode);
    size_t runs = 200, k = 0, reps = 100, count = 0;
    char nofile_list[64] = "1024";
    const char *out = NULL;
    int c;
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
        switch (c) {
        case 'r': runs = count_arg(optarg); break;
        case 'n': snprintf(nofile_list, sizeof nofile_list, "%s", optarg); break;
        case 'o': out = optarg; break;
        case 'O': bench_open_fds = count_arg(optarg); break;
        case 'k': k = count_arg(optarg); break;
        case 'p': reps = count_arg(optarg); break;
        case 'c': count = count_arg(optarg); break;
        default: exit(2);
        }
    bench_subject subjects[BENCH_MAX_SUBJECTS];
    size_t n = parse_subjects(argc, argv, subjects);
    rlim_t limits[8];
    size_t n_limits = parse_limits(nofile_list, limits, 8);

    isolate();
    if (strcmp(mode, "latency") == 0)
        return bench_latency(subjects, n, runs, limits, n_limits);
    if (strcmp(mode, "trace") == 0) {
        if (out == NULL || n != 1 || n_limits != 1)
            die("%s", "trace: one subject, one --nofile and --out FILE");
        /* Absolute: strace starts in the launcher's directory. */
        char abs_out[PATH_MAX];
        char *dir = getcwd(NULL, 0);
        snprintf(abs_out, sizeof abs_out, "%s/%s", out[0] == '/' ? "" : dir,
                 out);
        free(dir);
        return bench_trace(subjects, limits[0], abs_out);
    }
    if (strcmp(mode, "contend") == 0) {
        if (k == 0)
            die("%s", "contend: --k K is required");
        return bench_contend(subjects, n, k, reps);
    }
    if (strcmp(mode, "lifecycle") == 0) {
        if (count == 0 || n != 1)
            die("%s", "lifecycle: one subject and --count N");
        return bench_lifecycle(subjects, count);
    }
    die("'%s': modes are latency, trace, contend, lifecycle", mode);
}
