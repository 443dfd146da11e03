/* envsan.c: the daemon(7) profile's environment sanitising, timed alone
 * (make bench, section 8; issue 24 asked for 100 000 variables in under
 * 50 ms, where the library once took minutes).
 *
 *   bench-envsan [--reps R] N...   "envsan N WALL_US CPU_US LEFT" per run
 *
 * Each run is a fresh exec of this program with N variables (and PATH) as
 * its whole environment, so that they lie in the block the kernel laid
 * out, as a daemon's inherited ones do, and the block's rewrite is timed
 * too; the child times dk__env_sanitize alone, by the clock
 * (CLOCK_MONOTONIC) and in processor time (CLOCK_PROCESS_CPUTIME_ID,
 * which a loaded shared machine disturbs far less), and says how many
 * variables are left. */
#include "../../lib/unix/steps.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long now_us(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static int child(long n)
{
    dk_error err;
    long start = now_us(CLOCK_MONOTONIC);
    long cpu = now_us(CLOCK_PROCESS_CPUTIME_ID);
    dk_status st = dk__env_sanitize(&err);
    cpu = now_us(CLOCK_PROCESS_CPUTIME_ID) - cpu;
    long took = now_us(CLOCK_MONOTONIC) - start;
    if (st != DK_OK) {
        fprintf(stderr, "bench-envsan: %s\n", err.message);
        return 1;
    }
    size_t left = 0;
    for (char **e = *dk__environ(); e && *e; e++)
        left++;
    printf("envsan %ld %ld %ld %zu\n", n, took, cpu, left);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--child") == 0)
        return child(strtol(argv[2], NULL, 10));
    int reps = 5;
    char self[4096];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len <= 0) {
        fprintf(stderr, "bench-envsan: cannot find its own program\n");
        return 2;
    }
    self[len] = '\0';
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--reps") == 0 && i + 1 < argc) {
            reps = atoi(argv[++i]);
            continue;
        }
        long n = strtol(argv[i], NULL, 10);
        if (n < 0 || n > 150000) {
            fprintf(stderr, "bench-envsan: %s: 0 to 150000 variables\n",
                    argv[i]);
            return 2;
        }
        /* V000001= ...: 9 bytes and a pointer each, under exec's 2 MB. */
        char **env = calloc((size_t)n + 2, sizeof *env);
        char *text = malloc((size_t)n * 10 + 1);
        if (env == NULL || text == NULL) {
            free(env);
            free(text);
            return 2;
        }
        for (long k = 0; k < n; k++) {
            env[k] = text + k * 10;
            snprintf(env[k], 10, "V%06ld=", k);
        }
        env[n] = "PATH=/usr/bin:/bin";
        for (int r = 0; r < reps; r++) {
            fflush(stdout);
            pid_t pid = fork();
            if (pid == 0) {
                char arg[32];
                snprintf(arg, sizeof arg, "%ld", n);
                char *cargv[] = {self, "--child", arg, NULL};
                execve(self, cargv, env);
                perror("bench-envsan: execve");
                _exit(127);
            }
            int status;
            if (pid < 0 || waitpid(pid, &status, 0) < 0 ||
                !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                free(env);
                free(text);
                return 1;
            }
        }
        free(env);
        free(text);
    }
    return 0;
}
