/* immutable_linux.c: immutable.h through the inode flags ioctl. */
#include "immutable.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <unistd.h>

int dk_set_immutable(const char *dir, bool on)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int flags;
    int r = ioctl(fd, FS_IOC_GETFLAGS, &flags);
    if (r == 0) {
        flags = on ? flags | FS_IMMUTABLE_FL : flags & ~FS_IMMUTABLE_FL;
        r = ioctl(fd, FS_IOC_SETFLAGS, &flags);
    }
    int e = errno;
    close(fd);
    errno = e;
    return r;
}

int dk_clear_locked_fd(int fd)
{
    int flags;
    if (ioctl(fd, FS_IOC_GETFLAGS, &flags) != 0)
        return -1;
    if ((flags & (FS_IMMUTABLE_FL | FS_APPEND_FL)) == 0)
        return 0;
    flags &= ~(FS_IMMUTABLE_FL | FS_APPEND_FL);
    return ioctl(fd, FS_IOC_SETFLAGS, &flags);
}
