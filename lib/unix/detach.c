#include "steps.h"
#include "cloexec.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* In the intermediate child, before the second fork: close what the daemon
 * will not keep. Each fork copies the descriptor table up to the highest
 * open fd, so a descriptor inherited near a large RLIMIT_NOFILE would make
 * the second fork copy (and the daemon's close walk, and each exit free) a
 * table that size; closed here, the daemon starts with a small one. The
 * daemon still closes in its own step (U6, after writing its PID), which
 * reports any failure; this early pass only saves time, so its errors are
 * left to that one. */
static void close_early(const dk_daemon_fds *fds, int report_fd)
{
    int keep[DK_MAX_SHIELDED + 3];
    size_t n_keep = dk__daemon_keep(fds, report_fd, keep);
    dk_error ignored = {0};
    (void)dk__close_fds(keep, n_keep, fds->fallback_limit, &ignored);
}

/* In the intermediate child: leave the launcher's session and fork the
 * daemon.  Returns only in the daemon; the intermediate tells the launcher
 * the daemon's PID (so a launcher that gives up can end it) and exits. */
static void become_daemon(const char *pid_file, const dk_daemon_fds *fds,
                          int report_fd)
{
    dk_error err = {0};
    pid_t daemon = -1;
    close_early(fds, report_fd);
    if (setsid() < 0)
        dk__fail(&err, DK_ESYS, "U3", errno, "setsid");
    else if ((daemon = fork()) < 0)
        dk__fail(&err, DK_ESYS, "U3", errno, "second fork");
    if (daemon < 0) {
        /* No daemon will own the PID file: the intermediate is its last
         * owner, so it removes it before saying why. */
        unlink(pid_file);
        dk__report_failure(report_fd, &err);
        _exit(1);
    }
    if (daemon > 0) {
        char line[32];
        int n = snprintf(line, sizeof line, "pid %ld\n", (long)daemon);
        (void)!send(report_fd, line, (size_t)n, MSG_NOSIGNAL);
        /* _exit: the caller's atexit handlers and stdio belong to the daemon. */
        _exit(0);
    }
}

dk_status dk__detach(const char *pid_file, const dk_daemon_fds *fds,
                     bool *is_launcher, int *report_fd, dk_error *err)
{
    /* A socket, not a pipe: if the launcher is gone (killed, or it gave
     * up), the daemon's report must fail with EPIPE, not kill it with
     * SIGPIPE. */
    int p[2];
    if (dk__socketpair_cloexec(p) < 0)
        return dk__fail(err, DK_ESYS, "U3", errno, "readiness socket");
    /* The daemon's stdio redirection must not replace either end (H11). */
    if ((p[0] = dk__fd_above_stdio(p[0])) < 0 ||
        (p[1] = dk__fd_above_stdio(p[1])) < 0) {
        int e = errno;
        if (p[0] >= 0)
            close(p[0]);
        else
            close(p[1]);
        return dk__fail(err, DK_ESYS, "U3", e, "readiness socket");
    }
    sigset_t launcher_mask;
    if (dk__hold_signals(&launcher_mask) < 0) {
        int e = errno;
        close(p[0]);
        close(p[1]);
        return dk__fail(err, DK_ESYS, "H9", e, "hold signals");
    }
    pid_t child = fork();
    if (child != 0) /* the launcher's mask is its own again */
        pthread_sigmask(SIG_SETMASK, &launcher_mask, NULL);
    if (child < 0) {
        int e = errno;
        close(p[0]);
        close(p[1]);
        return dk__fail(err, DK_ESYS, "U3", e, "first fork");
    }
    if (child > 0) {
        close(p[1]);
        /* The intermediate exits right after the second fork; reaping it
         * here leaves no zombie behind the launcher. */
        while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
            ;
        *is_launcher = true;
        *report_fd = p[0];
        return DK_OK;
    }
    close(p[0]);
    become_daemon(pid_file, fds, p[1]);
    *is_launcher = false;
    *report_fd = p[1];
    return DK_OK;
}
