/* libdaemon.c: the subject contract spoken by libdaemon, the way its own
 * example daemon uses it: daemon_reset_sigs and daemon_unblock_sigs, a
 * check of daemon_pid_file_is_running, daemon_retval_init, daemon_fork;
 * in the daemon daemon_close_all (around the shielded fds),
 * daemon_pid_file_create, daemon_signal_init, daemon_retval_send.
 *
 * Declared: what libdaemon offers. Its daemon_fork picks the directory,
 * umask and stdio itself, so no chdir, umask or stdio targets.
 * `send` is daemon_pid_file_kill. libdaemon has no default handler and no
 * "ignore": `default` leaves the OS default, `ignore` is SIG_IGN, `log`
 * goes through libdaemon's signal queue. Nothing here removes the PID file
 * at exit behind libdaemon's back: its daemon_pid_file_remove is the
 * program's to call, and a program ended by a signal never calls it.
 * libdaemon's own log lines go to syslog, as they do once daemonized, so
 * that the launcher's one-line reason (the contract's) is this file's. */
#include "../subject_args.h"
#include "../subject_payload.h"

#include <errno.h>
#include <libdaemon/dfork.h>
#include <libdaemon/dlog.h>
#include <libdaemon/dpid.h>
#include <libdaemon/dsignal.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

/* How long the launcher waits for the daemon's word, as libdaemon's
 * example does: a bound for a broken daemon only. */
#define RETVAL_TIMEOUT_S 20

static const char capabilities[] =
    "pidfile\nready\nshield\non\nsend\nreadiness\n";

static const char *pid_file_path;
static const char *pid_file(void) { return pid_file_path; }

static int fail(const char *what, int err)
{
    fprintf(stderr, "subject-libdaemon: %s: %s\n", what, strerror(err));
    return 1;
}

static int send_signal(const subject_args *a)
{
    if (daemon_pid_file_kill(a->send_signal) < 0)
        return fail(a->pidfile, errno);
    return 0;
}

static int launcher(pid_t daemon)
{
    int code = daemon_retval_wait(RETVAL_TIMEOUT_S);
    if (code < 0) {
        fprintf(stderr, "subject-libdaemon: daemon %d sent no word within "
                        "%ds\n", (int)daemon, RETVAL_TIMEOUT_S);
        return 1;
    }
    if (code != 0) {
        fprintf(stderr, "subject-libdaemon: daemon %d failed at step %d\n",
                (int)daemon, code);
        return 1;
    }
    return 0;
}

static int start_signals(const subject_args *a)
{
    const struct { int signum; subject_action action; } on[] = {
        {SIGINT, a->on_int}, {SIGTERM, a->on_term}, {SIGABRT, a->on_abrt}};
    for (size_t i = 0; i < 3; i++) {
        if (on[i].action == ACTION_LOG &&
            daemon_signal_install(on[i].signum) < 0)
            return -1;
        if (on[i].action == ACTION_IGNORE &&
            signal(on[i].signum, SIG_IGN) == SIG_ERR)
            return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    subject_args args;
    char why[256];
    if (subject_parse_args(argc, argv, &args, why, sizeof why) < 0) {
        /* What dkcheck sent does not parse: the adapter's failure, not
         * the implementation's (CONTRACT.md, exit status 125). */
        fprintf(stderr, "subject-libdaemon: adapter error: %s\n", why);
        return 125;
    }
    if (args.mode == MODE_CAPABILITIES) {
        fputs(capabilities, stdout);
        return 0;
    }
    pid_file_path = args.pidfile;
    daemon_pid_file_proc = pid_file;
    daemon_log_use = DAEMON_LOG_SYSLOG;
    if (args.mode == MODE_SEND)
        return send_signal(&args);
    if (args.chdir || args.umask >= 0 || args.stdin_path ||
        args.stdout_path || args.stderr_path) {
        fprintf(stderr, "subject-libdaemon: libdaemon takes no directory, "
                        "umask or stdio target\n");
        return 2;
    }

    if (daemon_reset_sigs(-1) < 0 || daemon_unblock_sigs(-1) < 0)
        return fail("resetting signals", errno);
    pid_t running = daemon_pid_file_is_running();
    if (running >= 0) {
        fprintf(stderr, "subject-libdaemon: %s: already running as PID %d\n",
                args.pidfile, (int)running);
        return 1;
    }
    if (daemon_retval_init() < 0)
        return fail("daemon_retval_init", errno);
    pid_t pid = daemon_fork();
    if (pid < 0) {
        daemon_retval_done();
        return fail("daemon_fork", errno);
    }
    if (pid > 0)
        return launcher(pid);

    /* The daemon. Each failing step reports its number to the launcher. */
    int keep[SUBJECT_MAX_SHIELD + 1];
    for (size_t i = 0; i < args.n_shield; i++)
        keep[i] = args.shield[i];
    keep[args.n_shield] = -1;
    if (daemon_close_allv(keep) < 0) {
        daemon_retval_send(1);
        return 1;
    }
    if (daemon_pid_file_create() < 0) {
        daemon_retval_send(2);
        return 1;
    }
    if (start_signals(&args) < 0) {
        daemon_retval_send(3);
        return 1;
    }
    /* Ready first, then the word to the launcher: with readiness, the
     * launcher's exit 0 means the daemon is done and serving. */
    if (subject_announce_ready(args.ready) < 0) {
        daemon_pid_file_remove();
        daemon_retval_send(4);
        return 1;
    }
    daemon_retval_send(0);
    for (;;) {
        int fd = daemon_signal_fd();
        if (fd < 0)
            subject_wait_forever();
        fd_set in;
        FD_ZERO(&in);
        FD_SET(fd, &in);
        if (select(fd + 1, &in, NULL, NULL, NULL) < 0)
            continue;
        int signum = daemon_signal_next();
        if (signum > 0)
            subject_log_signal(signum);
    }
}
