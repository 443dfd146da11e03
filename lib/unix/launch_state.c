/* launch_state.c: one daemonization per process, and what the launcher
 * must know to undo its launch (H3, H9).
 *
 * A second call in a process that is already a daemon (or a launcher still
 * waiting) could only do harm: its launcher half exits without running the
 * first daemon's cleanup, leaving that PID file stale, and on the same PID
 * file its refusal would open and close the file, which drops the running
 * daemon's own POSIX lock. So it is refused before anything is touched. A
 * process forked from a daemon is another process, and may. */
#include "steps.h"

#include <sys/stat.h>
#include <unistd.h>

static struct {
    pid_t owner;        /* the process that called, 0 if none */
    bool is_daemon;
    dev_t dev;          /* the PID file the launcher created */
    ino_t ino;
} launch;

dk_status dk__launch_claim(dk_error *err)
{
    if (launch.owner == getpid())
        return dk__fail(err, DK_ESTATE, "H9", 0,
                        "this process already %s; one daemonization per "
                        "process", launch.is_daemon
                                       ? "is a daemon of libdaemoniker"
                                       : "is launching a daemon");
    launch.owner = getpid();
    launch.is_daemon = false;
    return DK_OK;
}

void dk__launch_release(void)
{
    launch.owner = 0;
}

void dk__launch_is_daemon(void)
{
    launch.owner = getpid();
    launch.is_daemon = true;
}

void dk__launch_pidfile_id(const struct stat *st)
{
    launch.dev = st->st_dev;
    launch.ino = st->st_ino;
}

bool dk__launch_pidfile_is_ours(const struct stat *st)
{
    return st->st_dev == launch.dev && st->st_ino == launch.ino;
}
