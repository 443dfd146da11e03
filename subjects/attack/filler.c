/* filler.c: a subject that fills its sandbox. Wrapped around a real
 * subject, it writes MIB mebibytes (a runaway log) into the directory of
 * the --pidfile it is given before handing over to that subject, and
 * records how far it got in COUNT (a path outside the sandbox, which the
 * run cannot hide from us): "BYTES written, ERROR" after every mebibyte.
 *
 *     filler COUNT MIB SUBJECT [the subject contract's options]
 *
 * Every other invocation (--capabilities, --send) goes straight to
 * SUBJECT. The bound MIB keeps the machine safe from dkcheck's lack of
 * one. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void report(int count, long long bytes, int err)
{
    char line[128];
    int n = snprintf(line, sizeof line, "%lld written, %s\n", bytes,
                     err ? strerror(err) : "no error");
    if (pwrite(count, line, (size_t)n, 0) < 0 || ftruncate(count, n) < 0)
        return;
}

static void fill(const char *count_path, long mib, const char *pidfile)
{
    int count = open(count_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", pidfile);
    char log[4200];
    snprintf(log, sizeof log, "%s/runaway.log", dirname(copy));
    int fd = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    static char chunk[1 << 20];
    memset(chunk, 'x', sizeof chunk);
    long long bytes = 0;
    int err = fd < 0 ? errno : 0;
    for (long i = 0; fd >= 0 && i < mib; i++) {
        ssize_t w = write(fd, chunk, sizeof chunk);
        if (w > 0)
            bytes += w;
        if (w != (ssize_t)sizeof chunk) {
            err = w < 0 ? errno : ENOSPC;
            break;
        }
        report(count, bytes, 0);
    }
    report(count, bytes, err);
    if (fd >= 0)
        close(fd);
    close(count);
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: filler COUNT MIB SUBJECT [OPTIONS]\n");
        return 2;
    }
    const char *pidfile = NULL;
    int sending = 0;
    for (int i = 4; i < argc; i++) {
        if (strcmp(argv[i], "--pidfile") == 0 && i + 1 < argc)
            pidfile = argv[i + 1];
        sending |= strcmp(argv[i], "--send") == 0;
    }
    if (pidfile != NULL && !sending)
        fill(argv[1], atol(argv[2]), pidfile);
    execv(argv[3], argv + 3);
    fprintf(stderr, "filler: cannot run %s: %s\n", argv[3], strerror(errno));
    return 127;
}
