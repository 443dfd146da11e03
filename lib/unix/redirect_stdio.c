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

/* A failure to open one target: what this call created for the others
 * goes (H8), then the open ones are closed. */
static void undo_opened(const int *fd, const bool *made, const char *const *path,
                        size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (made[i])
            dk__unlink_if_same(path[i], fd[i]);
        close(fd[i]);
    }
}

dk_status dk__redirect_stdio(const char *in, const char *out,
                             const char *errpath, dk_error *err)
{
    const char *path[3] = {in ? in : null_device, out ? out : null_device,
                           errpath ? errpath : null_device};
    int fd[3];
    bool made[3] = {false, false, false};

    /* Open all three before touching any, so a failure leaves stdio as it
     * was and the error can still be reported. */
    if ((fd[0] = open_input(path[0])) < 0)
        return dk__fail(err, DK_ESYS, "U7", errno, "%s: cannot open for stdin",
                        path[0]);
    for (int i = 1; i <= 2; i++) {
        if ((fd[i] = dk__open_output(path[i], &made[i])) >= 0)
            continue;
        int e = errno;
        undo_opened(fd, made, path, (size_t)i);
        return dk__fail(err, DK_ESYS, "U7", e, "%s: %s for %s", path[i],
                        output_reason(e), i == 1 ? "stdout" : "stderr");
    }
    /* A failure from here on (this step's or a later one's, before the
     * launcher hears "ok") removes them too: dk__created_remove. */
    for (int i = 1; i <= 2; i++)
        if (made[i])
            dk__created_note(path[i], fd[i]);
    dk_status st;
    for (int i = 0; i <= 2; i++)
        if ((st = put(fd[i], i, path[i], err)) != DK_OK) {
            for (int j = i + 1; j <= 2; j++)
                close(fd[j]);
            return st;
        }
    return DK_OK;
}
