/* null_launcher.c: the floor of dkbench's latency measurement. A launcher
 * that daemonizes nothing: it writes its own PID to the --ready path (a
 * temporary file renamed into place, as subjects do) and exits 0.
 *
 * dkbench times every launcher from its exec, with a descriptor inherited
 * at RLIMIT_NOFILE-1, so the exec, the start-up and the exit with a large
 * descriptor table are in every figure; this launcher has only those. Its
 * ratio at the hard limit against 1024 is what the measurement itself adds
 * (a side experiment for bench/findings.md, not part of make bench):
 *
 *   make build/bench-null-launcher build/subject-daemon3
 *   build/dkbench latency --runs 100 --nofile 1024,hard \
 *       null=build/bench-null-launcher daemon3=build/subject-daemon3 \
 *       reference=build/subject-reference
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    const char *ready = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--capabilities") == 0) {
            fputs("pidfile\nready\n", stdout);
            return 0;
        }
        if (strcmp(argv[i], "--ready") == 0 && i + 1 < argc)
            ready = argv[++i];
    }
    if (ready == NULL) {
        fputs("bench-null-launcher: no --ready PATH given\n", stderr);
        return 2;
    }
    char part[4096];
    int n = snprintf(part, sizeof part, "%s.part", ready);
    FILE *f = n > 0 && (size_t)n < sizeof part ? fopen(part, "wx") : NULL;
    if (f == NULL) {
        fprintf(stderr, "bench-null-launcher: %s: %s\n", part, strerror(errno));
        return 1;
    }
    int bad = fprintf(f, "%d\n", (int)getpid()) < 0;
    bad |= fclose(f) != 0;
    if (bad || rename(part, ready) != 0) {
        fprintf(stderr, "bench-null-launcher: cannot write %s: %s\n", ready,
                strerror(errno));
        unlink(part);
        return 1;
    }
    return 0;
}
