/* report_file_linux.c: Linux's unnamed files (O_TMPFILE): a killed run
 * leaves no temporary name beside the report. */
#include "report_file.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int dk_report_file_unnamed(int dirfd)
{
    return openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
}

int dk_report_file_name(int fd, int dirfd, const char *name)
{
    char self[64];
    snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
    return linkat(AT_FDCWD, self, dirfd, name, AT_SYMLINK_FOLLOW);
}
