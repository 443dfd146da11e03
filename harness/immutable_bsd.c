/* immutable_bsd.c: immutable.h through chflags(2) (macOS, FreeBSD), which
 * only root may use for the system flag, as the case runs. */
#include "immutable.h"

#include <sys/stat.h>
#include <unistd.h>

int dk_set_immutable(const char *dir, bool on)
{
    struct stat st;
    if (stat(dir, &st) < 0)
        return -1;
    unsigned long flags = st.st_flags;
    flags = on ? flags | SF_IMMUTABLE : flags & ~(unsigned long)SF_IMMUTABLE;
    return chflags(dir, flags);
}

int dk_clear_locked_fd(int fd)
{
    const unsigned long locked =
        SF_IMMUTABLE | UF_IMMUTABLE | SF_APPEND | UF_APPEND;
    struct stat st;
    if (fstat(fd, &st) < 0)
        return -1;
    if ((st.st_flags & locked) == 0)
        return 0;
    return fchflags(fd, st.st_flags & ~locked);
}
