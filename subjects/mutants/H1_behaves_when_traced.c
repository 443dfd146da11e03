/* H1 broken, and hiding it: the PID file is created race-free (O_EXCL,
 * locked) only while a tracer watches (TracerPid in /proc/self/status);
 * untraced, it is looked for and then created without O_EXCL and written
 * by path, a window of a few microseconds that launchers racing through
 * it all win. The forced races
 * (H1_traced_*) see the careful path; only untraced races can catch it.
 * wraps: dk__pidfile_create dk__pidfile_write dk__pidfile_still_ours
 */
#include "../../lib/unix/steps.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

dk_status __real_dk__pidfile_create(const char *path, int *fd, dk_error *err);
dk_status __real_dk__pidfile_write(int fd, const char *path, dk_error *err);

static bool traced(void)
{
    FILE *f = fopen("/proc/self/status", "re");
    char line[256];
    long tracer = 0;
    while (f != NULL && fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, "TracerPid:", 10) == 0)
            tracer = strtol(line + 10, NULL, 10);
    if (f != NULL)
        fclose(f);
    return tracer != 0;
}

dk_status __wrap_dk__pidfile_create(const char *path, int *fd, dk_error *err)
{
    if (traced())
        return __real_dk__pidfile_create(path, fd, err);
    if (access(path, F_OK) == 0)
        return dk__pidfile_explain(path, err);
    *fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (*fd < 0)
        return DK_ESYS;
    dk__pidfile_lock(*fd, false); /* taken or not: it goes on */
    return DK_OK;
}

dk_status __wrap_dk__pidfile_write(int fd, const char *path, dk_error *err)
{
    if (traced())
        return __real_dk__pidfile_write(fd, path, err);
    FILE *f = fopen(path, "we");
    if (f == NULL)
        return DK_ESYS;
    fprintf(f, "%ld\n", (long)getpid());
    fclose(f);
    return DK_OK;
}

/* Its readiness trusts the PID file's path, as the library did before it
 * checked that the path still names the file its daemon locked: that
 * check turns the race into a refusal of every launcher and hides the
 * broken step the race cases name. */
dk_status __wrap_dk__pidfile_still_ours(dk_error *err)
{
    (void)err;
    return DK_OK;
}
