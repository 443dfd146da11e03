/* steps.h: Daemoniker's Windows steps, one function per file.
 *
 * As on Unix, one function per file lets a mutant (subjects/mutants/win/)
 * replace exactly one step at link time with ld --wrap. */
#ifndef DK_WIN_STEPS_H
#define DK_WIN_STEPS_H

#include "record.h"
#include "win.h"

/* W1: the full path of this program's executable. */
dk_status dk__win_self_path(wchar_t *out, size_t n, dk_error *err);

/* W2: start exe detached (no console, a new process group), with the
 * command line cmdline and this process's environment. */
dk_status dk__win_relaunch(const wchar_t *exe, wchar_t *cmdline,
                           PROCESS_INFORMATION *pi, dk_error *err);
/* W2: the command line of the relaunch: the program, quoted, and unless
 * strip_args the arguments this process got. */
dk_status dk__win_relaunch_cmdline(const wchar_t *exe, bool strip_args,
                                   wchar_t **out, dk_error *err);

/* W3: create path, failing if it exists (CREATE_NEW); the file is left
 * empty for the daemon to fill. */
dk_status dk__win_pidfile_create(const wchar_t *path, const char *path_u8,
                                 dk_error *err);

/* W4: write bytes to a new temporary file that only this user can read;
 * its path in out. */
dk_status dk__win_state_save(const unsigned char *bytes, size_t len,
                             wchar_t *out, size_t n, dk_error *err);

/* W5: mark the relaunch (the variable its environment inherits), and, in
 * a process, whether it is that relaunch: true and the state's path. */
dk_status dk__win_relaunch_mark(const wchar_t *state_path, const char *ack_pipe,
                                dk_error *err);
void dk__win_relaunch_unmark(void);
bool dk__win_relaunched(wchar_t *state_path, size_t n);
/* In the relaunch: the launcher's pipe, which the mark also names. */
bool dk__win_relaunch_ack_pipe(char *out, size_t n);

/* W6: change the working directory. */
dk_status dk__win_chdir(const char *dir, dk_error *err);

/* W7: the daemon's PID into the PID file, and its removal at exit (only
 * while it names this process or its sentinel). */
dk_status dk__win_pidfile_write_own(const char *path, dk_error *err);
void dk__win_cleanup_register(const char *path);
void dk__win_cleanup_run(void);
/* SW3 tells the cleanup which sentinel the PID file may name. */
void dk__win_cleanup_sentinel(DWORD pid);

/* W8: standard handles and the C runtime's fds 0, 1, 2 to the targets
 * (NULL: the null device); output appended, created when missing. */
dk_status dk__win_redirect_stdio(const char *in, const char *out,
                                 const char *errpath, dk_error *err);

/* W9: read the saved state back, overwrite the file, delete it. */
dk_status dk__win_state_load(const wchar_t *path, dk_win_record *rec,
                             dk_error *err);

/* W10, daemon side: tell the launcher "ok", or why it failed. */
/* 0, or the error that kept "ok" from the launcher (one gone is no error). */
DWORD dk__win_ack_ready(const char *pipe_name);
void dk__win_ack_failure(const char *pipe_name, const dk_error *err);
/* defer_ready: keep the pipe for dk_ready() or dk_not_ready() (ready.c). */
void dk__win_ready_defer(const char *pipe_name);
/* W10, launcher side: the pipe the daemon answers on, created before the
 * relaunch; then wait for the answer and exit (never returns). */
dk_status dk__win_ack_listen(char *name, size_t n, dk_error *err);
void dk__win_ack_close(void);
void dk__win_launcher_wait(HANDLE daemon, double timeout,
                           const wchar_t *pid_file, const wchar_t *state_file)
    __attribute__((noreturn));

#endif
