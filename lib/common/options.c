#include "internal.h"

#include <limits.h>
#include <string.h>

void dk_options_init(dk_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->umask = DK_DEFAULT_UMASK;
    opts->fd_fallback_limit = DK_DEFAULT_FD_FALLBACK_LIMIT;
    opts->success_timeout = DK_DEFAULT_SUCCESS_TIMEOUT;
    opts->notify_fd = -1;
}

void dk_options_init_profile(dk_options *opts, dk_profile profile)
{
    dk_options_init(opts);
    if (profile == DK_PROFILE_DAEMON7) {
        /* daemon(7)'s SysV list: the daemon's files get exactly the modes
         * it asks for, it holds no directory busy, and it runs with no
         * variable its launcher's caller happened to have. The signal reset
         * and the closed descriptors are already every profile's. */
        opts->umask = 0;
        opts->chdir = "/";
        opts->sanitize_env = true;
    }
}

/* A user or group name: what getpwnam/getgrnam could look up. The lookup
 * itself is the launcher's, before anything is created. */
static dk_status check_name(const char *what, const char *name, dk_error *err)
{
    if (name == NULL)
        return DK_OK;
    if (name[0] == '\0')
        return dk__fail(err, DK_EINVAL, "options", 0, "%s is empty", what);
    if (strlen(name) > 255)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "%s is longer than 255 bytes", what);
    for (const char *p = name; *p != '\0'; p++)
        if (*p == ':' || *p == '\n' || *p == '/')
            return dk__fail(err, DK_EINVAL, "options", 0,
                            "%s \"%s\" holds '%c', which no account name "
                            "may", what, name, *p == '\n' ? ' ' : *p);
    return DK_OK;
}

static dk_status check_path(const char *what, const char *path, bool absolute,
                            dk_error *err)
{
    if (path == NULL)
        return DK_OK;
    if (path[0] == '\0')
        return dk__fail(err, DK_EINVAL, "options", 0, "%s is empty", what);
    if (strlen(path) >= PATH_MAX)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "%s is longer than PATH_MAX (%d)", what, PATH_MAX);
    if (absolute && !dk__path_is_absolute(path))
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "%s must be an absolute path, got %s", what, path);
    return DK_OK;
}

dk_status dk_options_check(const dk_options *opts, dk_error *err)
{
    if (opts == NULL)
        return dk__fail(err, DK_EINVAL, "options", 0, "options are NULL");
    if (opts->pid_file == NULL)
        return dk__fail(err, DK_EINVAL, "options", 0, "pid_file is required");

    dk_status st;
    if ((st = check_path("pid_file", opts->pid_file, true, err)) ||
        (st = check_path("chdir", opts->chdir, false, err)) ||
        (st = check_path("stdin", opts->stdin_path, false, err)) ||
        (st = check_path("stdout", opts->stdout_path, false, err)) ||
        (st = check_path("stderr", opts->stderr_path, false, err)))
        return st;

    /* Output appended to the PID file would corrupt it (and --send after). */
    const struct { const char *what, *path; } stdio[] = {
        {"stdin", opts->stdin_path}, {"stdout", opts->stdout_path},
        {"stderr", opts->stderr_path}};
    for (size_t i = 0; i < 3; i++)
        if (stdio[i].path != NULL && strcmp(stdio[i].path, opts->pid_file) == 0)
            return dk__fail(err, DK_EINVAL, "options", 0,
                            "%s names the PID file %s", stdio[i].what,
                            opts->pid_file);

    if (opts->umask < 0 || opts->umask > 0777)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "umask %#o is out of range 0..0777", opts->umask);
    if (opts->n_shielded_fds > DK_MAX_SHIELDED)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "%zu shielded fds, at most %d", opts->n_shielded_fds,
                        DK_MAX_SHIELDED);
    if (opts->n_shielded_fds > 0 && opts->shielded_fds == NULL)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "shielded_fds is NULL but n_shielded_fds is %zu",
                        opts->n_shielded_fds);
    for (size_t i = 0; i < opts->n_shielded_fds; i++)
        if (opts->shielded_fds[i] < 0)
            return dk__fail(err, DK_EINVAL, "options", 0,
                            "shielded fd %d is negative", opts->shielded_fds[i]);
    /* 0..2 become the redirected stdio in the daemon. */
    if (opts->notify_fd != -1 && opts->notify_fd < 3)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "notify_fd %d is out of range (-1 for none, or >= 3)",
                        opts->notify_fd);
    if ((st = check_name("user", opts->user, err)) ||
        (st = check_name("group", opts->group, err)))
        return st;
    if (opts->group != NULL && opts->user == NULL)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "group %s is given without a user", opts->group);
    if (opts->fd_fallback_limit < 3 || opts->fd_fallback_limit > INT_MAX)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "fd_fallback_limit %ld is out of range 3..%d",
                        opts->fd_fallback_limit, INT_MAX);
    if (!(opts->success_timeout > 0 && opts->success_timeout <= 86400))
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "success_timeout %g is out of range (0, 86400] seconds",
                        opts->success_timeout);
    return DK_OK;
}

const char *dk_version(void)
{
    return DK_VERSION_STRING;
}
