/* launch_state.c: one daemonization per process, and what the launcher
 * must know to undo its launch (H3, H11).
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

#include <limits.h>
#include <stdio.h>

static struct {
    pid_t owner;        /* the process that called, 0 if none */
    bool is_daemon;
    dev_t dev;          /* the PID file the launcher created */
    ino_t ino;
} launch;

dk_status dk__launch_claim(dk_error *err)
{
    if (launch.owner == getpid())
        return dk__fail(err, DK_ESTATE, "H11", 0,
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

/* The daemon's output files, as it told them (dk__created_tell). */
static struct {
    unsigned long long dev, ino;
    char path[PATH_MAX];
} told[2];
static size_t n_told;

void dk__launch_made(unsigned long long dev, unsigned long long ino,
                     const char *path)
{
    if (n_told == sizeof told / sizeof told[0])
        return;
    told[n_told].dev = dev;
    told[n_told].ino = ino;
    snprintf(told[n_told].path, sizeof told[n_told].path, "%s", path);
    n_told++;
}

void dk__launch_made_remove(void)
{
    for (size_t i = 0; i < n_told; i++) {
        struct stat st;
        if (lstat(told[i].path, &st) == 0 &&
            (unsigned long long)st.st_dev == told[i].dev &&
            (unsigned long long)st.st_ino == told[i].ino)
            unlink(told[i].path);
    }
    n_told = 0;
}
