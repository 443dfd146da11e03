/* H8 broken: whatever sits at the PID file's path is taken for a stale PID
 * file unless it names a live process, and removed with remove() to make
 * room - which removes an empty directory too, so a directory given as the
 * PID file is replaced by one and the daemon starts.
 * wraps: dk__pidfile_create
 */
#include "../../lib/unix/steps.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

dk_status __real_dk__pidfile_create(const char *path, int *fd, dk_error *err);

/* The PID the file names, read the naive way; 0 if none. */
static long named_pid(const char *path)
{
    char text[32] = "";
    int f = open(path, O_RDONLY | O_CLOEXEC);
    if (f < 0)
        return 0;
    ssize_t n = read(f, text, sizeof text - 1);
    close(f);
    return n > 0 ? strtol(text, NULL, 10) : 0;
}

dk_status __wrap_dk__pidfile_create(const char *path, int *fd, dk_error *err)
{
    dk_status st = __real_dk__pidfile_create(path, fd, err);
    if (st != DK_EEXIST)
        return st;
    long pid = named_pid(path);
    if ((pid > 0 && dk__process_exists(pid)) || remove(path) < 0)
        return st;
    return __real_dk__pidfile_create(path, fd, err);
}
