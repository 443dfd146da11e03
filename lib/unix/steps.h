/* steps.h: the Unix daemonization steps, one function per file.
 *
 * One function per file is deliberate: a mutant (a subject with one step
 * broken, see subjects/mutants/) replaces exactly one of these at link time,
 * without a single #ifdef in the library. */
#ifndef DK_UNIX_STEPS_H
#define DK_UNIX_STEPS_H

#include "../common/internal.h"

#include <stdbool.h>
#include <signal.h>
#include <sys/types.h>

/* U1: create path exclusively (O_EXCL, O_NOFOLLOW, mode 0644) and lock it.
 * Returns the locked fd in *fd. On EEXIST, explains who holds it (H2). */
dk_status dk__pidfile_create(const char *path, int *fd, dk_error *err);

/* H11: fd itself if it is not 0, 1 or 2; else a close-on-exec copy at 3 or
 * above, fd closed (the daemon's stdio redirection would close it). -1 and
 * errno (fd closed then too). */
int dk__fd_above_stdio(int fd);

/* U1: take the PID file's write lock (POSIX, per process); wait for it
 * or fail at once (EAGAIN/EACCES). 0, or -1 and errno. */
int dk__pidfile_lock(int fd, bool wait);
/* H2, H8: the PID of the process holding a lock on the file open on fd
 * (never the caller itself), 0 if none, -1 and errno. */
long dk__pidfile_lock_holder(int fd);
/* H8: dk_send's rule: signal only a live daemon of ours, the process that
 * holds the PID file's lock and that the file names. */
dk_status dk__send_check(int fd, long pid, const char *path, dk_error *err);

/* H2: kill(pid, 0) says it exists (EPERM counts: it exists). */
bool dk__process_exists(long pid);

/* H2: path exists; fill err with what it is: held by a live process (locked),
 * stale (not locked, naming the PID it holds), garbage, or not a regular
 * file. Always returns DK_EEXIST (or DK_ESYS when it cannot be read). */
dk_status dk__pidfile_explain(const char *path, dk_error *err);

/* U2: remove path at exit, only in this process, and only while path is
 * still the file open on fd (so a file that replaced ours is never
 * removed). */
void dk__cleanup_register(const char *path, int fd);
/* Run the registered cleanup now (idempotent); for failure paths. */
void dk__cleanup_run(void);
/* The registered PID file's path still names the file this process
 * created and locked (dk_ready checks it: a program that wrote over its
 * PID file during its start-up, say a ready or log file pointed at it,
 * would leave one no lock guards and no cleanup removes). */
dk_status dk__pidfile_still_ours(dk_error *err);

/* U6: the descriptors the daemon keeps besides stdio: its PID file, the
 * readiness socket (made by dk__detach) and the shielded ones. */
typedef struct dk_daemon_fds {
    int pid_fd;
    int notify_fd;       /* s6's readiness fd, or -1 */
    const int *shielded;
    size_t n_shielded;
    long fallback_limit; /* dk__close_fds's, where the limit is unlimited */
} dk_daemon_fds;
/* The keep list for dk__close_fds in keep (room for DK_MAX_SHIELDED + 3):
 * the PID file, then report_fd, the notify fd if any, then the shielded
 * fds. Returns its length. */
size_t dk__daemon_keep(const dk_daemon_fds *fds, int report_fd, int *keep);

/* U3: double fork with setsid in between. Returns in two processes:
 * the launcher (*is_launcher true, *report_fd the read end of the readiness
 * pipe) and the daemon (*is_launcher false, *report_fd the write end). The
 * intermediate child never returns; it closes what the daemon will not keep
 * (fds) before forking it, and if it cannot fork the daemon it removes
 * pid_file and reports why. */
dk_status dk__detach(const char *pid_file, const dk_daemon_fds *fds,
                     bool *is_launcher, int *report_fd, dk_error *err);

/* D4 (daemon(7) item 4): the daemon's environment reduced to the entries
 * dk__env_entry_kept allows (PATH, LANG, LANGUAGE, LC_*, TZ,
 * NOTIFY_SOCKET): a new environ, and the block the OS shows others
 * rewritten where the OS has one we can find (env_block_*.c). */
dk_status dk__env_sanitize(dk_error *err);
bool dk__env_entry_kept(const char *entry);
/* The environ pointer, however the OS lets a library reach it. */
char ***dk__environ(void);
/* Rewrite the block the process was started with, which the OS shows to
 * others (Linux: /proc/PID/environ), to hold only the n kept entries (heap
 * copies; each one moved into the block is freed, kept[i] pointed at the
 * block and moved[i] set) and zeros, if one of before's pointers (the
 * environment's entries before any change, NULL-terminated; never
 * dereferenced) lies in it. 0 (also where there is no such block, or not
 * ours), or -1 and errno. */
int dk__env_block_rewrite(char *const *before, char **kept, bool *moved,
                          size_t n);

/* U4: set the umask and change to dir. */
dk_status dk__umask_chdir(int mask, const char *dir, dk_error *err);

/* U5: write "PID\n" to the PID file open on fd. */
dk_status dk__pidfile_write(int fd, const char *path, dk_error *err);

/* H5: default dispositions for every signal; a mask holding only the
 * signals the library handles (dk__held_signals), until handlers run. */
void dk__reset_signals(void);

/* H9: SIGINT, SIGTERM, SIGABRT: held (blocked) from before the fork until
 * the program's handlers are in place (dk_signals_start) or dk_ready. */
void dk__held_signals(sigset_t *set);
/* Block them in the calling thread; *old gets the mask before. -1, errno. */
int dk__hold_signals(sigset_t *old);

/* U3: in the launcher, block the signals that would end it, from before
 * the PID file is created until the fork is done (*old: the mask before). */
int dk__hold_launcher_signals(sigset_t *old);

/* H3: in the daemon: the launcher waits on fd until dk_ready/dk_not_ready. */
void dk__ready_pending(int fd);

/* U6: close every fd >= 3 but those in keep. */
dk_status dk__close_fds(const int *keep, size_t n_keep, long fallback_limit,
                        dk_error *err);
/* U6 per OS: close [lo, hi] (hi INT_MAX: to the end). */
int dk__close_range(int lo, int hi, long fallback_limit);
/* U6 portable: one close() per fd up to the limit. */
int dk__close_loop(int lo, int hi, long fallback_limit);

/* U7: point 0, 1, 2 at the targets (NULL: the null device). */
dk_status dk__redirect_stdio(const char *in, const char *out,
                             const char *errpath, dk_error *err);
/* U7: refuse stdio that landed on the PID file (after redirecting). */
dk_status dk__stdio_not_pidfile(int pid_fd, const char *pid_file,
                                dk_error *err);
/* H6: open an output target for append, creating it; *created says
 * whether this call made it (H8: a failed launch removes it). -1 and
 * errno. */
int dk__open_output(const char *path, bool *created);
/* H8: remove path if it is still the file open on fd (same device and
 * inode): what a failed launch created, and nothing that replaced it. */
void dk__unlink_if_same(const char *path, int fd);
/* H8: in the daemon, the output files its launch created (fd: open on
 * one), removed by dk__created_remove when the launch fails before the
 * launcher hears "ok", if each is still that file. */
void dk__created_note(const char *path, int fd);
void dk__created_remove(void);
/* H3: tell the launcher (on fd) of each: "made DEV INO PATH" (PATH made
 * absolute with dir, the daemon's cwd), so that a launcher that gives up
 * removes them too. Always DK_OK: a launcher that is gone needs no word. */
dk_status dk__created_tell(int fd, const char *dir);

/* H3: the daemon's word to its launcher. */
void dk__report_ready(int fd);
void dk__report_failure(int fd, const dk_error *err);
/* H3: in the launcher: wait for the word, print any error, exit. */
void dk__launcher_wait(int fd, double timeout, const char *pid_file)
    __attribute__((noreturn));

/* H11: one daemonization per process: DK_ESTATE if this process already
 * is a daemon of ours or a launcher still waiting; else it now is a
 * launcher (dk__launch_release undoes that after a failure before the
 * fork, dk__launch_is_daemon marks the daemon). */
dk_status dk__launch_claim(dk_error *err);
void dk__launch_release(void);
void dk__launch_is_daemon(void);
/* H3: the identity of the PID file the launcher created, recorded before
 * it closes it, and the test a launcher that gives up makes. */
struct stat;
void dk__launch_pidfile_id(const struct stat *st);
bool dk__launch_pidfile_is_ours(const struct stat *st);
/* H3: the launcher gave up: end the daemon (pid, or <= 0 if none was
 * forked) and wait until it is gone, then remove pid_file if it is still
 * the file the launcher created and nobody holds its lock. */
void dk__launch_undo(long daemon_pid, const char *pid_file);
/* H3: in the launcher, a file the daemon said it created ("made" lines);
 * dk__launch_made_remove removes each still that file (once the daemon
 * is gone: dk__launch_undo calls it). */
void dk__launch_made(unsigned long long dev, unsigned long long ino,
                     const char *path);
void dk__launch_made_remove(void);
/* H3: SIGKILL pid and wait (at most seconds) until it has exited. Per OS
 * (process_end_linux.c: a pidfd; process_end_generic.c: kill(pid, 0)). */
void dk__process_end(long pid, double seconds);
void dk__process_end_by_kill(long pid, double seconds);

/* N1: systemd's READY=1 (and MAINPID) to NOTIFY_SOCKET when it is set;
 * removes it from the environment and keeps the address for
 * dk_notify_stopping. */
dk_status dk__notify_systemd_ready(dk_error *err);
/* N2: keep s6's notify fd for readiness (close-on-exec from now). */
dk_status dk__notify_fd_keep(int fd, dk_error *err);
/* N2: write "\n" to the kept fd and close it (nothing if none). */
dk_status dk__notify_fd_ready(dk_error *err);

/* P1: the identity the daemon takes, looked up by the launcher. */
typedef struct dk_identity {
    bool wanted;         /* a user was given */
    bool already;        /* the caller is exactly that identity: no switch */
    uid_t uid;
    gid_t gid;
    char user[256];
} dk_identity;
/* P1, in the launcher before anything is created: the user (and group)
 * exist, and this process may switch to them (root, or already them). */
dk_status dk__identity_lookup(const char *user, const char *group,
                              dk_identity *out, dk_error *err);
/* P1, in the daemon: the user's groups (initgroups), the PID file given
 * to the user, its directory checked removable by the user, then real,
 * effective and saved gid and uid. */
dk_status dk__identity_drop(const dk_identity *id, const char *pid_file,
                            int pid_fd, dk_error *err);

#endif
