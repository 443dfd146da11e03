/* case_inherit.c: what the launcher inherits, set up in the forked child
 * between fork and exec (case_private.h). The launcher is started the way
 * a careless parent would start a daemon, so that every step has
 * something to undo: a pseudo-terminal as its controlling terminal, umask
 * 0, a cwd the daemon must not keep, inherited fds low and high, and
 * signals blocked and ignored (H5). Only async-signal-safe calls from
 * here to execvp. */
#include "case_private.h"

#include "hold_unseen.h"
#include "spawn_os.h"
#include "trace.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

/* A set-up failure in the child: exit 126 with a line case_wait_launcher
 * recognises, so a broken harness is never blamed on the subject. */
static void broken(const char *what) __attribute__((noreturn));
static void broken(const char *what)
{
    dprintf(2, CASE_SETUP_FAILED_LINE ": %s: %s\n", what, strerror(errno));
    _exit(CASE_SETUP_FAILED);
}

static void plant_fd_flags(int target, const char *path, int flags)
{
    int f = open(path, flags | O_CLOEXEC, 0600);
    if (f < 0)
        broken(path);
    if (f == target)
        fcntl(f, F_SETFD, 0);
    else {
        dup2(f, target);
        close(f);
    }
}

static void plant_fd(int target, const char *path)
{
    plant_fd_flags(target, path, O_RDWR | O_CREAT);
}

static void give_controlling_terminal(const char *slave, bool own_session)
{
    if (own_session)
        setsid();
    int tty = open(slave, O_RDWR | O_CLOEXEC);
    if (tty < 0 || (own_session && ioctl(tty, TIOCSCTTY, 0) < 0))
        broken("controlling terminal");
    dup2(tty, 0);
    close(tty);
}

static void give_signals(void)
{
    for (int sig = 1; sig < NSIG; sig++)
        if (sig != SIGKILL && sig != SIGSTOP)
            signal(sig, SIG_DFL);
    signal(SIGUSR2, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGUSR1);
    sigaddset(&blocked, SIGALRM);
    sigprocmask(SIG_SETMASK, &blocked, NULL);
}

static void plant_inheritance(const case_inheritance *in);

void case_exec_launcher(char **argv, const case_inheritance *in)
{
    if (in->trace)
        trace_child_prepare(in->trace);
    if (in->barrier[0] >= 0) {
        char c;
        close(in->barrier[1]); /* or our own copy would keep EOF away */
        while (read(in->barrier[0], &c, 1) < 0 && errno == EINTR)
            ;
    }
    /* Whatever the worker had open (Criterion's pipes) must not leak in. */
    spawn_cloexec_from(3);
    if (dup2(in->out, 1) < 0 || dup2(in->err, 2) < 0)
        _exit(126); /* no stderr yet to say why; the status still tells */
    if (!in->careless_parent) {
        /* Under Wine what a Unix launcher inherits means nothing to the
         * subject (Wine's own processes would hold the terminal). */
        int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null < 0 || dup2(null, 0) < 0)
            broken("/dev/null");
    } else {
        give_controlling_terminal(in->pty_slave, !in->worker_has_terminal);
        plant_inheritance(in);
    }
    if (chdir(in->launch_dir) < 0)
        broken(in->launch_dir);
    if (in->trace && trace_child_arm(in->trace) < 0)
        broken("seccomp filter for the tracer");
    if (in->unseen >= 0 && unseen_child_arm((size_t)in->unseen) < 0)
        broken("seccomp listener for the holding thread");
    execvp(argv[0], argv);
    dprintf(2, "dkcheck: cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
}

/* The fds, limit, signals and umask a Unix launcher inherits. */
static void plant_inheritance(const case_inheritance *in)
{
    plant_fd(CASE_INHERITED_LOW_A, in->inherited[0]);
    plant_fd(CASE_INHERITED_LOW_B, in->inherited[1]);
    plant_fd(CASE_INHERITED_SHIELD, in->inherited[2]);
    plant_fd(CASE_INHERITED_HIGH, in->inherited[3]);
    /* The case holds the FIFO's read end, so this open does not block. */
    if (in->notify_fifo != NULL)
        plant_fd_flags(CASE_NOTIFY_FD, in->notify_fifo, O_WRONLY);
    if (in->near_limit != NULL) {
        struct rlimit rl;
        getrlimit(RLIMIT_NOFILE, &rl);
        rl.rlim_cur = in->limit;
        if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
            broken("setrlimit");
        plant_fd((int)in->limit - 1, in->near_limit);
    }
    give_signals();
    umask((mode_t)case_launcher_umask());
    for (int fd = 0; fd <= 2; fd++)
        if (in->closed_stdio & (1u << fd))
            close(fd);
}
