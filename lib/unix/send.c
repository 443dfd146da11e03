#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

dk_status dk_send(const char *pid_file, int signum, dk_error *err)
{
    if (pid_file == NULL || pid_file[0] == '\0')
        return dk__fail(err, DK_EINVAL, "send", 0, "pid_file is required");
    if (signum <= 0 || signum >= NSIG)
        return dk__fail(err, DK_EINVAL, "send", 0, "%d is not a signal", signum);
    int fd = open(pid_file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return dk__fail(err, DK_ESYS, "send", errno, "%s: cannot open PID file",
                        pid_file);
    char buf[32];
    ssize_t n = read(fd, buf, sizeof buf);
    long pid;
    if (n < 0) {
        int e = errno;
        close(fd);
        return dk__fail(err, DK_ESYS, "send", e, "%s: cannot read PID file",
                        pid_file);
    }
    if (n == 0 || dk__pidfile_parse(buf, (size_t)n, &pid) < 0) {
        close(fd);
        return dk__fail(err, DK_EINVAL, "send", 0, "%s: holds no PID", pid_file);
    }
    /* In the daemon itself this close would drop its own lock (POSIX
     * locks are per process): daemoniker.h says not to send from there. */
    dk_status st = dk__send_check(fd, pid, pid_file, err);
    close(fd);
    if (st != DK_OK)
        return st;
    if (kill((pid_t)pid, signum) < 0)
        return dk__fail(err, DK_ESYS, "send", errno,
                        "%s: cannot signal process %ld", pid_file, pid);
    return DK_OK;
}
