#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void launcher_exit(int status, const char *message)
{
    fflush(NULL);
    if (message != NULL)
        fprintf(stderr, "%s\n", message);
    _exit(status);
}

/* pid holds the lock of the file at path: alive, and ours. */
static bool holds_lock(const char *path, long pid)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool holds = pid > 0 && dk__pidfile_lock_holder(fd) == pid;
    close(fd);
    return holds;
}

/* The daemon never reported in time: the launch is undone (no daemon, no
 * PID file of ours) before the launcher says so. */
static void give_up(long daemon_pid, const char *pid_file, double timeout)
{
    char message[DK_ERROR_MAX];
    dk__launch_undo(daemon_pid, pid_file);
    snprintf(message, sizeof message,
             "daemoniker: H3: the daemon did not report success within %gs; "
             "it was ended and its PID file removed", timeout);
    launcher_exit(1, message);
}

void dk__launcher_wait(int fd, double timeout, const char *pid_file)
{
    /* Room for a "made" line: two numbers and a path. */
    char buf[2 * PATH_MAX + 64] = {0};
    size_t len = 0;
    long daemon_pid = -1;
    double until = now() + timeout;

    for (;;) {
        char *nl;
        while ((nl = memchr(buf, '\n', len)) != NULL) {
            *nl = '\0';
            if (strcmp(buf, "ok") == 0)
                launcher_exit(0, NULL);
            if (strncmp(buf, "err ", 4) == 0)
                launcher_exit(1, buf + 4);
            if (strncmp(buf, "pid ", 4) == 0)
                daemon_pid = strtol(buf + 4, NULL, 10);
            unsigned long long dev, ino;
            int at = 0;
            if (sscanf(buf, "made %llu %llu %n", &dev, &ino, &at) == 2 &&
                at > 0 && buf[at] == '/')
                dk__launch_made(dev, ino, buf + at);
            size_t used = (size_t)(nl - buf) + 1;
            memmove(buf, buf + used, len - used);
            len -= used;
        }
        /* Whatever came in time is read before giving up: the daemon's
         * PID (sent before the launcher even starts waiting) above all, or
         * a tiny timeout would leave the daemon running. */
        double left = until - now();
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int r = poll(&p, 1, left > 0 ? (int)(left * 1000) + 1 : 0);
        if (r < 0 && errno != EINTR)
            launcher_exit(1, "daemoniker: H3: poll on the readiness pipe failed");
        if (r == 0 && now() >= until)
            give_up(daemon_pid, pid_file, timeout);
        if (r <= 0)
            continue;
        if (len == sizeof buf)
            len = 0; /* a line too long is not ours; drop it */
        ssize_t n = read(fd, buf + len, sizeof buf - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            /* Killed, say: the PID file it left goes too (if nobody holds
             * it). Ended first only if it still holds that file's lock: a
             * daemon that is gone may have left its PID to another. */
            dk__launch_undo(holds_lock(pid_file, daemon_pid) ? daemon_pid : -1,
                            pid_file);
            launcher_exit(1, "daemoniker: H3: the daemon exited before "
                             "reporting success");
        }
        len += (size_t)n;
    }
}
