#include "subject_payload.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

const char subject_capabilities[] =
    "pidfile\nready\nchdir\numask\nstdin\nstdout\nstderr\nshield\non\nsend\n"
    "readiness\nnotify-socket\nnotify-fd\nuser\ngroup\nprofile\n";

int subject_announce_ready(const char *ready_path)
{
    long pid = (long)getpid();
    printf("ready %ld\n", pid);
    fflush(stdout);
    fprintf(stderr, "ready %ld\n", pid);
    fflush(stderr);

    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", ready_path, pid) >=
        (int)sizeof tmp) {
        fprintf(stderr, "subject: %s: ready path too long\n", ready_path);
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        fprintf(stderr, "subject: %s: %s\n", tmp, strerror(errno));
        return -1;
    }
    char line[32];
    int n = snprintf(line, sizeof line, "%ld\n", pid);
    bool ok = write(fd, line, (size_t)n) == n;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, ready_path) < 0) {
        fprintf(stderr, "subject: %s: %s\n", ready_path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return 0;
}

const char *subject_announce_error(void)
{
    return strerror(errno);
}

void subject_log_signal(int signum)
{
    printf("signal %d\n", signum);
    fflush(stdout);
}

void subject_wait_forever(void)
{
    for (;;)
        pause();
}
