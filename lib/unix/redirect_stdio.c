#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static const char null_device[] = "/dev/null";

/* stdin: reading a directory fails at the first read; a FIFO with no
 * writer must not block the daemon in open(), so O_NONBLOCK for the open
 * (then blocking again, for the program's reads). -1 and errno. */
static int open_input(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    struct stat st;
    int e = 0;
    if (fstat(fd, &st) < 0 || fcntl(fd, F_SETFL, 0) < 0)
        e = errno;
    if (e == 0 && S_ISDIR(st.st_mode))
        e = EISDIR;
    if (e != 0) {
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* What a failed open of an output target means, in words. */
static const char *output_reason(int e)
{
    return e == ENXIO ? "FIFO has no reader (it needs one before the daemon "
                        "starts), cannot open"
                      : "cannot open";
}

/* dup2 onto target_fd; dup2 clears close-on-exec, as stdio needs. */
static dk_status put(int fd, int target_fd, const char *path, dk_error *err)
{
    if (fd < 0)
        return dk__fail(err, DK_ESYS, "U7", errno, "%s: open", path);
    if (fd != target_fd) {
        int r = dup2(fd, target_fd);
        int e = errno;
        close(fd);
        if (r < 0)
            return dk__fail(err, DK_ESYS, "U7", e, "%s: dup2 to fd %d", path,
                            target_fd);
    } else if (fcntl(fd, F_SETFD, 0) < 0) {
        return dk__fail(err, DK_ESYS, "U7", errno, "%s: fcntl", path);
    }
    return DK_OK;
}

dk_status dk__redirect_stdio(const char *in, const char *out,
                             const char *errpath, dk_error *err)
{
    const char *in_path = in ? in : null_device;
    const char *out_path = out ? out : null_device;
    const char *err_path = errpath ? errpath : null_device;

    /* Open all three before touching any, so a failure leaves stdio as it
     * was and the error can still be reported. */
    int fd_in = open_input(in_path);
    if (fd_in < 0)
        return dk__fail(err, DK_ESYS, "U7", errno, "%s: cannot open for stdin", in_path);
    int fd_out = dk__open_output(out_path);
    if (fd_out < 0) {
        int e = errno;
        close(fd_in);
        return dk__fail(err, DK_ESYS, "U7", e, "%s: %s for stdout", out_path,
                        output_reason(e));
    }
    int fd_err = dk__open_output(err_path);
    if (fd_err < 0) {
        int e = errno;
        close(fd_in);
        close(fd_out);
        return dk__fail(err, DK_ESYS, "U7", e, "%s: %s for stderr", err_path,
                        output_reason(e));
    }
    dk_status st;
    if ((st = put(fd_in, 0, in_path, err)) ||
        (st = put(fd_out, 1, out_path, err)) ||
        (st = put(fd_err, 2, err_path, err)))
        return st;
    return DK_OK;
}
