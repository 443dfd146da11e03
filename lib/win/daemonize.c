/* daemonize.c: Daemoniker's Windows steps, in its order.
 *
 * Windows cannot fork: the launcher saves what the daemon needs to a file
 * and starts the program again, detached, with an environment variable
 * naming that file. The relaunched process finds the variable in
 * dk_daemonizer_begin() (is_setup false: the caller skips its setup code),
 * and dk_daemonizer_run() does the daemon's steps there instead of
 * launching. */
#include "steps.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* What the launcher keeps between run() and end(); one daemon per launcher.
 * daemonized: this process already launched a daemon or is one (H11: a
 * second call is refused before it touches anything). */
static struct {
    bool daemonized;
    HANDLE daemon;
    wchar_t pid_file[DK_WIN_PATH];
    wchar_t state_file[DK_WIN_PATH];
} launched;

bool dk_daemonizer_begin(dk_daemonizer *dz)
{
    memset(dz, 0, sizeof *dz);
    dz->ready_fd = -1;
    wchar_t state_file[DK_WIN_PATH];
    dz->is_setup = !dk__win_relaunched(state_file, DK_WIN_PATH);
    return dz->is_setup;
}

/* In the relaunched process. On failure the launcher learns why and this
 * process exits; when the state cannot be read, the pipe's name comes from
 * the environment and the error returns to the caller, who exits. */
static dk_status run_in_daemon(dk_daemonizer *dz, bool defer_ready,
                               dk_error *err)
{
    wchar_t state_file[DK_WIN_PATH];
    dk_win_record rec;
    dk_status st;
    if (!dk__win_relaunched(state_file, DK_WIN_PATH))
        return dk__fail(err, DK_ESTATE, "W5", 0, "not a relaunched process");
    dk_error lost = {0};
    if ((st = dk__win_state_load(state_file, &rec, &lost))) {
        char pipe[256];
        if (dk__win_relaunch_ack_pipe(pipe, sizeof pipe))
            dk__win_ack_failure(pipe, &lost);
        if (err != NULL)
            *err = lost;
        return st;
    }
    /* The switch stays in the daemon's environment, as Daemoniker leaves
     * it: what it names is gone now. Its sentinels do not inherit it. */

    dk_error why = {0};
    dk__win_cleanup_register(rec.pid_file);
    if (dk__win_chdir(rec.chdir, &why) ||
        dk__win_pidfile_write_own(rec.pid_file, &why) ||
        dk__win_redirect_stdio(rec.stdin_path, rec.stdout_path,
                               rec.stderr_path, &why)) {
        dk__win_cleanup_run();
        dk__win_ack_failure(rec.ack_pipe, &why);
        dk__win_record_free(&rec);
        _exit(1);
    }
    if (rec.state_len > 0) {
        dz->state = malloc(rec.state_len);
        if (dz->state == NULL) {
            dk__fail(&why, DK_ESYS, "W9", ENOMEM, "state copy");
            dk__win_cleanup_run();
            dk__win_ack_failure(rec.ack_pipe, &why);
            _exit(1);
        }
        memcpy(dz->state, rec.state, rec.state_len);
        dz->state_len = rec.state_len;
    }
    snprintf(dz->pid_file, sizeof dz->pid_file, "%s", rec.pid_file);
    dk__win_ready_defer(rec.ack_pipe);
    if (!defer_ready && dk_ready(&why) != DK_OK) {
        dk__win_cleanup_run();
        dk__win_ack_failure(rec.ack_pipe, &why);
        _exit(1);
    }
    dk__win_record_free(&rec);
    return DK_OK;
}

static dk_status working_dir(const dk_options *opts, char *dir, size_t n,
                             dk_error *err)
{
    if (opts->chdir != NULL) {
        snprintf(dir, n, "%s", opts->chdir);
        return DK_OK;
    }
    wchar_t wide[DK_WIN_PATH];
    DWORD got = GetCurrentDirectoryW(DK_WIN_PATH, wide);
    if (got == 0 || got >= DK_WIN_PATH || dk__win_narrow(wide, dir, n) < 0)
        return dk__win_fail(err, DK_ESYS, "W6", GetLastError(),
                            "cannot get the current directory");
    return DK_OK;
}

/* In the launcher: W1, W3, W4, W5, W2, in that order. Undoes what it did
 * when a step fails, so a failed launch leaves nothing. */
static dk_status run_in_launcher(dk_daemonizer *dz, const dk_options *opts,
                                 const void *state, size_t state_len,
                                 dk_error *err)
{
    dk_status st;
    wchar_t exe[DK_WIN_PATH];
    char dir[DK_WIN_PATH];
    if ((st = dk__win_self_path(exe, DK_WIN_PATH, err)) ||
        (st = working_dir(opts, dir, sizeof dir, err)))
        return st;
    if (dk__win_widen(opts->pid_file, launched.pid_file, DK_WIN_PATH) < 0)
        return dk__fail(err, DK_EINVAL, "W3", 0, "%s: not a valid path",
                        opts->pid_file);
    if ((st = dk__win_pidfile_create(launched.pid_file, opts->pid_file, err)))
        return st;

    char pipe[128];
    unsigned char *bytes = NULL;
    size_t len;
    wchar_t *cmdline = NULL;
    PROCESS_INFORMATION pi;
    launched.state_file[0] = L'\0';
    if ((st = dk__win_ack_listen(pipe, sizeof pipe, err)))
        goto undo;
    dk_win_record rec = {
        .ack_pipe = pipe, .pid_file = opts->pid_file, .chdir = dir,
        .stdin_path = opts->stdin_path, .stdout_path = opts->stdout_path,
        .stderr_path = opts->stderr_path, .state = state, .state_len = state_len,
    };
    if (dk__win_record_pack(&rec, &bytes, &len) < 0) {
        st = dk__fail(err, DK_ESYS, "W4", ENOMEM, "state record");
        goto undo;
    }
    if ((st = dk__win_state_save(bytes, len, launched.state_file, DK_WIN_PATH,
                                 err)) ||
        (st = dk__win_relaunch_cmdline(exe, opts->strip_cmd_args, &cmdline, err)) ||
        (st = dk__win_relaunch_mark(launched.state_file, pipe, err)))
        goto undo;
    fflush(NULL);
    st = dk__win_relaunch(exe, cmdline, &pi, err);
    dk__win_relaunch_unmark();
    if (st)
        goto undo;
    CloseHandle(pi.hThread);
    free(bytes);
    free(cmdline);
    launched.daemon = pi.hProcess;
    dz->daemon_pid = (long)pi.dwProcessId;
    dz->success_timeout = opts->success_timeout;
    snprintf(dz->pid_file, sizeof dz->pid_file, "%s", opts->pid_file);
    return DK_OK;

undo:
    free(bytes);
    free(cmdline);
    dk__win_ack_close();
    if (launched.state_file[0] != L'\0')
        DeleteFileW(launched.state_file);
    DeleteFileW(launched.pid_file);
    return st;
}

dk_status dk_daemonizer_run(dk_daemonizer *dz, const dk_options *opts,
                            const void *state, size_t state_len,
                            bool *is_parent, dk_error *err)
{
    dk_status st;
    if (dz == NULL || is_parent == NULL)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "daemonizer and is_parent are required");
    if (launched.daemonized)
        return dk__fail(err, DK_ESTATE, "H11", 0,
                        "this process already %s; one daemonization per "
                        "process", dz->is_setup ? "launched a daemon"
                                                : "is a daemon of "
                                                  "libdaemoniker");
    if (!dz->is_setup) {
        /* The daemon runs the caller's code again: its options are the
         * launcher's (defer_ready is all it reads of them). */
        dz->is_parent = *is_parent = false;
        st = run_in_daemon(dz, opts != NULL && opts->defer_ready, err);
        launched.daemonized = st == DK_OK;
        return st;
    }
    if (state == NULL && state_len > 0)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "state is NULL but state_len is %zu", state_len);
    if (state_len > UINT32_MAX - 1)
        return dk__fail(err, DK_EINVAL, "options", 0,
                        "state of %zu bytes is too large", state_len);
    if ((st = dk_options_check(opts, err)))
        return st;
    /* Unix notions: refused rather than silently ignored. */
    if (opts->user != NULL || opts->notify_fd >= 0)
        return dk__fail(err, DK_EINVAL, "options", 0, "%s is not supported "
                        "on Windows", opts->user ? "user" : "notify_fd");
    if ((st = run_in_launcher(dz, opts, state, state_len, err)))
        return st;
    launched.daemonized = true;
    dz->is_parent = *is_parent = true;
    return DK_OK;
}

dk_status dk_daemonizer_end(dk_daemonizer *dz)
{
    if (dz->is_parent)
        dk__win_launcher_wait(launched.daemon, dz->success_timeout,
                              launched.pid_file, launched.state_file);
    return DK_OK;
}
