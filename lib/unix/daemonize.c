/* daemonize.c: Daemoniker's Unix steps, in its order, the hardened way. */
#include "steps.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Shielding an fd that is not open is bad input, refused before anything is
 * created. */
static dk_status check_shielded(const dk_options *opts, dk_error *err)
{
    for (size_t i = 0; i < opts->n_shielded_fds; i++)
        if (fcntl(opts->shielded_fds[i], F_GETFD) < 0)
            return dk__fail(err, DK_EINVAL, "U6", errno,
                            "shielded fd %d is not open",
                            opts->shielded_fds[i]);
    if (opts->notify_fd >= 0 && fcntl(opts->notify_fd, F_GETFD) < 0)
        return dk__fail(err, DK_EINVAL, "N2", errno, "notify fd %d is not open",
                        opts->notify_fd);
    return DK_OK;
}

/* Everything after the second fork, in the daemon. On failure the daemon
 * removes its PID file, tells the launcher why, and exits. */
static void finish_in_daemon(const dk_options *opts, const char *dir,
                             const dk_daemon_fds *fds, int report_fd,
                             const dk_identity *id)
{
    dk_error err = {0};
    int pid_fd = fds->pid_fd;
    int keep[DK_MAX_SHIELDED + 3];
    size_t n_keep = dk__daemon_keep(fds, report_fd, keep);

    dk__cleanup_register(opts->pid_file, pid_fd);
    if ((opts->sanitize_env && dk__env_sanitize(&err)) ||
        dk__umask_chdir(opts->umask, dir, &err) ||
        dk__pidfile_write(pid_fd, opts->pid_file, &err) ||
        dk__close_fds(keep, n_keep, opts->fd_fallback_limit, &err) ||
        dk__redirect_stdio(opts->stdin_path, opts->stdout_path,
                           opts->stderr_path, &err) ||
        dk__created_tell(report_fd, dir) ||
        dk__stdio_not_pidfile(pid_fd, opts->pid_file, &err) ||
        (fds->notify_fd >= 0 && dk__notify_fd_keep(fds->notify_fd, &err)) ||
        dk__identity_drop(id, opts->pid_file, pid_fd, &err)) {
        dk__cleanup_run();
        dk__created_remove();
        dk__report_failure(report_fd, &err);
        _exit(1);
    }
    dk__reset_signals();
    dk__ready_pending(report_fd);
    /* The simple form is ready now: held signals get a handler with
     * cleanup before the launcher hears "ok". */
    if (!opts->defer_ready && dk_ready(&err) != DK_OK) {
        /* A supervisor that could not be told (N1, N2) fails the launch,
         * as it would with defer_ready, instead of leaving the launcher
         * to wait out success_timeout. */
        dk__cleanup_run();
        dk__created_remove();
        dk__report_failure(report_fd, &err);
        _exit(1);
    }
}

bool dk_daemonizer_begin(dk_daemonizer *dz)
{
    memset(dz, 0, sizeof *dz);
    dz->ready_fd = -1;
    /* Unix daemonizes by forking: there is no relaunched process that
     * would have to skip the setup code. */
    dz->is_setup = true;
    return true;
}

dk_status dk_daemonizer_run(dk_daemonizer *dz, const dk_options *opts,
                            const void *state, size_t state_len,
                            bool *is_parent, dk_error *err)
{
    dk_status st;
    if (dz == NULL || is_parent == NULL)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "daemonizer and is_parent are required");
    if (state == NULL && state_len > 0)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "state is NULL but state_len is %zu", state_len);
    dk_identity id;
    if ((st = dk_options_check(opts, err)) ||
        (st = dk__launch_claim(err)))
        return st;
    if ((st = check_shielded(opts, err)) ||
        (st = dk__identity_lookup(opts->user, opts->group, &id, err))) {
        dk__launch_release();
        return st;
    }

    char dir[PATH_MAX];
    if (opts->chdir != NULL)
        snprintf(dir, sizeof dir, "%s", opts->chdir);
    else if (getcwd(dir, sizeof dir) == NULL) {
        dk__launch_release();
        return dk__fail(err, DK_ESYS, "U4", errno, "getcwd");
    }

    /* The daemon keeps its own copy: on Unix the state crosses the fork in
     * memory; the Daemonizer form exists so Windows can do the same. */
    if (state_len > 0) {
        dz->state = malloc(state_len);
        if (dz->state == NULL) {
            dk__launch_release();
            return dk__fail(err, DK_ESYS, "U3", ENOMEM, "state copy"); /* crosses the fork */
        }
        memcpy(dz->state, state, state_len);
        dz->state_len = state_len;
    }

    /* From the PID file's creation to the fork, a signal that would end
     * the launcher waits: killed there, it would leave an empty PID file
     * and no daemon. After the fork the daemon owns the file and lives on
     * whatever happens to its launcher (as with Daemoniker, whose launcher
     * does not even wait). */
    sigset_t launcher_mask;
    if (dk__hold_launcher_signals(&launcher_mask) < 0) {
        st = dk__fail(err, DK_ESYS, "U3", errno, "hold signals");
        goto fail;
    }
    int pid_fd;
    if ((st = dk__pidfile_create(opts->pid_file, &pid_fd, err))) {
        pthread_sigmask(SIG_SETMASK, &launcher_mask, NULL);
        goto fail;
    }

    /* Unflushed output would otherwise be written by both processes. */
    fflush(NULL);
    bool is_launcher;
    int report_fd;
    dk_daemon_fds fds = {.pid_fd = pid_fd,
                         .notify_fd = opts->notify_fd,
                         .shielded = opts->shielded_fds,
                         .n_shielded = opts->n_shielded_fds,
                         .fallback_limit = opts->fd_fallback_limit};
    if ((st = dk__detach(opts->pid_file, &fds, &is_launcher, &report_fd,
                         err))) {
        unlink(opts->pid_file);
        close(pid_fd);
        pthread_sigmask(SIG_SETMASK, &launcher_mask, NULL);
        goto fail;
    }
    if (is_launcher) {
        /* Which file is ours, for a launcher that gives up (H3). */
        struct stat pid_st;
        if (fstat(pid_fd, &pid_st) == 0)
            dk__launch_pidfile_id(&pid_st);
        close(pid_fd);
        /* The supervisor's notify fd is the daemon's alone: launcher-only
         * code and whatever it starts must not hold it open. */
        if (opts->notify_fd >= 0)
            close(opts->notify_fd);
        pthread_sigmask(SIG_SETMASK, &launcher_mask, NULL);
        dz->is_parent = *is_parent = true;
        dz->ready_fd = report_fd;
        dz->success_timeout = opts->success_timeout;
        snprintf(dz->pid_file, sizeof dz->pid_file, "%s", opts->pid_file);
        return DK_OK;
    }
    dk__launch_is_daemon();
    finish_in_daemon(opts, dir, &fds, report_fd, &id);
    dz->is_parent = *is_parent = false;
    return DK_OK;

fail:
    dk__launch_release();
    free(dz->state);
    dz->state = NULL;
    dz->state_len = 0;
    return st;
}

dk_status dk_daemonizer_end(dk_daemonizer *dz)
{
    if (dz->is_parent)
        dk__launcher_wait(dz->ready_fd, dz->success_timeout, dz->pid_file);
    return DK_OK;
}
