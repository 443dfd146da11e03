/* launch_undo.c: a launcher that gives up leaves things as it found them:
 * no daemon, no PID file of its launch (an empty one would refuse every
 * later launch), and none of the output files the daemon told it it had
 * created. */
#include "steps.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

void dk__launch_undo(long daemon_pid, const char *pid_file)
{
    /* Gone first: a daemon still running could write or lock the file
     * after it is looked at. */
    if (daemon_pid > 0)
        dk__process_end(daemon_pid, 5.0);
    /* The output files it said it created (H8's rule, for a launch given
     * up after them). */
    dk__launch_made_remove();
    int fd = open(pid_file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return;
    /* Ours by identity (not a file made since by another launch), and
     * locked by nobody: our daemon is dead, so a holder would be a
     * process that took the file over. */
    struct stat st;
    if (fstat(fd, &st) == 0 && dk__launch_pidfile_is_ours(&st) &&
        dk__pidfile_lock_holder(fd) == 0)
        unlink(pid_file);
    close(fd);
}
