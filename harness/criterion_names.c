/* criterion_names.c: criterion_names.h, the same on every Unix. */
#include "criterion_names.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

/* Does a process listen on the socket dir/name? A run's live socket is
 * never removed, even one of ours: a run in a namespace has a random PID
 * that may be ours out here. */
static bool listening(const char *dir, const char *name)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    if (snprintf(a.sun_path, sizeof a.sun_path, "%s/%s", dir, name) >=
        (int)sizeof a.sun_path)
        return true; /* cannot tell: assume so */
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0)
        return true;
    int rc = connect(fd, (struct sockaddr *)&a, sizeof a);
    int err = errno;
    close(fd);
    return rc == 0 || err != ECONNREFUSED;
}

/* dir/name free, or made free (ours, of type, not listening: a killed
 * run's). */
static int name_free(const char *dir, const char *name, mode_t type,
                     char *why, size_t size)
{
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return 0; /* no such place: nothing to squat */
    struct stat st;
    int rc = 0;
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
        if ((st.st_mode & S_IFMT) == type && st.st_uid == geteuid() &&
            (type != S_IFSOCK || !listening(dir, name)))
            unlinkat(dfd, name, 0);
        else if ((st.st_mode & S_IFMT) == type && st.st_uid == geteuid()) {
            snprintf(why, size, "%s/%s, Criterion's name for this run, is "
                     "held by another live run: refusing to run beside it",
                     dir, name);
            rc = -1;
        } else {
            snprintf(why, size, "%s/%s, Criterion's name for this run, is "
                     "taken by uid %ld (not ours): refusing to run beside a "
                     "squatted name (a PID namespace gives a run its own)",
                     dir, name, (long)st.st_uid);
            rc = -1;
        }
    }
    close(dfd);
    return rc;
}

int dk_criterion_names_free(pid_t runner, char *why, size_t size)
{
    char name[64];
    snprintf(name, sizeof name, "criterion_%ld.sock", (long)runner);
    if (name_free("/tmp", name, S_IFSOCK, why, size) < 0)
        return -1;
    snprintf(name, sizeof name, "bxf_arena_%ld", (long)runner);
    return name_free("/dev/shm", name, S_IFREG, why, size);
}

void dk_criterion_socket_remove(pid_t runner)
{
    char name[64];
    struct stat st;
    snprintf(name, sizeof name, "criterion_%ld.sock", (long)runner);
    int dfd = open("/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return;
    /* /tmp is sticky: a socket of ours there cannot be swapped by others
     * between the check and the unlink. */
    if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        S_ISSOCK(st.st_mode) && st.st_uid == geteuid() &&
        !listening("/tmp", name))
        unlinkat(dfd, name, 0);
    close(dfd);
}

static char abort_line[256];

static void on_abort(int signum)
{
    (void)signum;
    /* Only async-signal-safe calls: the line was made beforehand. */
    if (write(2, abort_line, strlen(abort_line)) < 0)
        _exit(2);
    _exit(2);
}

void dk_criterion_abort_is_refusal(pid_t runner)
{
    snprintf(abort_line, sizeof abort_line,
             "dkcheck: Criterion aborted (is /tmp/criterion_%ld.sock or a "
             "/dev/shm/bxf* name taken by another user?)\n", (long)runner);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_abort;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGABRT, &sa, NULL);
}
