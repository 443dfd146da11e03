/* report_file_none.c: where there are no unnamed files, the report's
 * temporary has a name from the start (report_file.c makes it). */
#include "report_file.h"

#include <errno.h>

int dk_report_file_unnamed(int dirfd)
{
    (void)dirfd;
    errno = ENOTSUP;
    return -1;
}

int dk_report_file_name(int fd, int dirfd, const char *name)
{
    (void)fd;
    (void)dirfd;
    (void)name;
    errno = ENOTSUP;
    return -1;
}
