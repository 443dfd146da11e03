#include "steps.h"

#include <errno.h>
#include <sys/stat.h>

dk_status dk__stdio_not_pidfile(int pid_fd, const char *pid_file,
                                dk_error *err)
{
    /* Options compare names; two spellings of one file (a symlink, "//")
     * are caught here, by identity, before any output could reach the PID
     * file. */
    struct stat pid;
    if (fstat(pid_fd, &pid) < 0)
        return dk__fail(err, DK_ESYS, "U7", errno, "%s: fstat", pid_file);
    if (!S_ISREG(pid.st_mode)) /* only a regular file is written to */
        return DK_OK;
    static const char *const names[] = {"stdin", "stdout", "stderr"};
    for (int fd = 0; fd <= 2; fd++) {
        struct stat st;
        if (fstat(fd, &st) == 0 && st.st_dev == pid.st_dev &&
            st.st_ino == pid.st_ino)
            return dk__fail(err, DK_EINVAL, "U7", 0,
                            "%s is the PID file %s", names[fd], pid_file);
    }
    return DK_OK;
}
