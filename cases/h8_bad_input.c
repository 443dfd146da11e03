/* H8: bad input. Whatever is wrong (the PID file's place, what already sits
 * there, --chdir, the stdio targets, a shielded fd, --send's PID file), the
 * launcher exits non-zero with exactly one line on stderr saying why, leaves
 * no daemon, leaves the PID file exactly as it found it (never removing
 * someone else's), and leaves no file behind in the sandbox.
 *
 * The cases declared DK_ANY_CASE run for a Windows subject too (under
 * Wine): there, no state file (W4) may be left in Windows' temporary
 * directory either, and "no daemon" is counted (a Windows PID is not the
 * Linux one of the same process). The others' input has no Windows meaning
 * (a symlink's or FIFO's, --shield, an immutable directory, a lock) or is
 * not yet judged there. */
#include "../harness/as_found.h"
#include "../harness/case.h"
#include "../harness/host.h"
#include "../harness/immutable.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the checks every H8 case makes ---- */

typedef struct bad_input {
    const char *what;        /* the bad input, for messages */
    const char *pidfile;     /* its path */
    as_found pidfile_before;
    const char *listing_before;
    const pid_t *keep;       /* processes of our own that must live on */
    size_t n_keep;
    size_t living_before;    /* how many lived (keep included): host.h's
                              * only_left, where PIDs are not ours */
    const char *states_before; /* host.h's leftover_states, or NULL */
} bad_input;

/* A refusal proves something only from a subject that accepts good
 * input: each case first starts a daemon (or, for --send, signals one). */
static bad_input before(const char *what, const char *pidfile)
{
    if (strncmp(what, "--send", 6) == 0)
        case_precondition_send();
    else
        case_precondition_daemon();
    return (bad_input){.what = what, .pidfile = pidfile,
                       .pidfile_before = as_found_at(pidfile),
                       .listing_before = case_listing(),
                       .living_before = case_count_living(),
                       .states_before = host()->leftover_states()};
}

static void expect_one_line_reason(const bad_input *b, const char *err_path)
{
    const char *text = sandbox_read(err_path, NULL);
    if (text == NULL)
        text = "";
    size_t len = strlen(text);
    const char *nl = strchr(text, '\n');
    bool one = len > 1 && nl == text + len - 1;
    cr_expect(one, "expected exactly one non-empty line on stderr for %s; "
              "got \"%s\"", b->what, one_line(text));
}

/* After the launcher (or --send) refused the bad input with exit code. */
static void expect_left_as_found(const bad_input *b, int code,
                                 const char *err_path)
{
    cr_expect(code != 0, "expected a non-zero exit for %s; it exited 0",
              b->what);
    expect_one_line_reason(b, err_path);
    const char *why = NULL;
    cr_expect(host()->only_left(b->keep, b->n_keep, b->living_before,
                                CASE_DEADLINE, "the end of every process "
                                "after the refusal", &why),
              "expected no daemon after refusing %s; living: [%s]: %s",
              b->what, case_describe_living(), why);

    as_found after = as_found_at(b->pidfile);
    char was[600], is[600];
    cr_expect(as_found_same(&after, &b->pidfile_before),
              "after refusing %s the PID file %s is %s; it was %s",
              b->what, b->pidfile, as_found_describe(&after, is, sizeof is),
              as_found_describe(&b->pidfile_before, was, sizeof was));

    const char *listing = case_listing();
    cr_expect(strcmp(listing, b->listing_before) == 0,
              "after refusing %s the sandbox changed: before [%s], "
              "after [%s]", b->what, one_line(b->listing_before),
              one_line(listing));
    const char *states = b->states_before
                             ? case_win_new_temp_states(b->states_before)
                             : NULL;
    cr_expect(states == NULL, "after refusing %s a state file is left in "
              "Windows' temporary directory: [%s], before [%s]", b->what,
              states ? states : "", b->states_before);
}

static void launch_refused(const bad_input *b, const launch_spec *spec)
{
    launch *l = case_start(spec);
    int code = case_wait_launcher(l);
    expect_left_as_found(b, code, l->err);
}

static void send_refused(const bad_input *b)
{
    int code = case_send("TERM", b->pidfile);
    expect_left_as_found(b, code, sandbox_path("send.err"));
}

static const char *pid_line(pid_t pid)
{
    static char line[32];
    snprintf(line, sizeof line, "%d\n", (int)pid);
    return line;
}

/* ---- where the PID file goes ---- */

DK_ANY_CASE(H8, H8_pidfile_in_missing_directory)
{
    sandbox_require("pidfile");
    launch_spec spec = {.pidfile = sandbox_path("no-such-dir/daemon.pid")};
    bad_input b = before("a PID file in a missing directory", spec.pidfile);
    launch_refused(&b, &spec);
}

DK_ANY_CASE(H8, H8_pidfile_parent_is_a_file)
{
    sandbox_require("pidfile");
    sandbox_file("plain-file", "not a directory\n");
    launch_spec spec = {.pidfile = sandbox_path("plain-file/daemon.pid")};
    bad_input b = before("a PID file under a regular file (ENOTDIR)",
                         spec.pidfile);
    launch_refused(&b, &spec);
}

DK_ANY_CASE(H8, H8_pidfile_is_a_directory)
{
    sandbox_require("pidfile");
    const char *pidfile = sandbox_mkdir("daemon.pid");
    bad_input b = before("a directory as the PID file", pidfile);
    launch_refused(&b, NULL);
}

/* We run as root, so permission bits stop nothing; an immutable directory
 * (immutable.h) is one that root cannot write in either. */
static const char *immutable_dir;

/* The sandbox cannot be removed while a directory in it is immutable. */
static void fini_mutable_again(void)
{
    if (immutable_dir != NULL)
        dk_set_immutable(immutable_dir, false);
    immutable_dir = NULL;
    case_fini();
}

Test(H8, H8_pidfile_in_unwritable_directory, .init = case_init,
     .fini = fini_mutable_again)
{
    sandbox_require("pidfile");
    const char *dir = sandbox_path("immutable");
    if (mkdir(dir, 0777) < 0)
        case_broken("mkdir %s: %s", dir, strerror(errno));
    if (dk_set_immutable(dir, true) < 0)
        cr_skip_test("cannot make %s immutable here (%s); permission bits do "
                     "not stop root", dir, strerror(errno));
    immutable_dir = dir;
    launch_spec spec = {.pidfile = sandbox_path("immutable/daemon.pid")};
    bad_input b = before("a PID file in an unwritable (immutable) directory",
                         spec.pidfile);
    launch_refused(&b, &spec);
}

/* ---- what already sits at the PID file's path ---- */

DK_CASE(H8, H8_pidfile_symlink_to_others_file)
{
    sandbox_require("pidfile");
    const char *pidfile = sandbox_path("daemon.pid");
    if (symlink(sandbox_file("someone-elses", "precious\n"), pidfile) < 0)
        case_broken("symlink: %s", strerror(errno));
    bad_input b = before("a PID file that is a symlink to someone else's file",
                         pidfile);
    launch_refused(&b, NULL);
    const char *victim = sandbox_read(sandbox_path("someone-elses"), NULL);
    cr_expect(victim && strcmp(victim, "precious\n") == 0,
              "the symlink's target was changed to \"%s\"",
              victim ? one_line(victim) : "(removed)");
}

DK_CASE(H8, H8_pidfile_dangling_symlink)
{
    sandbox_require("pidfile");
    const char *pidfile = sandbox_path("daemon.pid");
    if (symlink(sandbox_path("planted"), pidfile) < 0)
        case_broken("symlink: %s", strerror(errno));
    bad_input b = before("a PID file that is a dangling symlink", pidfile);
    launch_refused(&b, NULL);
}

DK_ANY_CASE(H8, H8_pidfile_holds_garbage)
{
    sandbox_require("pidfile");
    bad_input b = before("an existing PID file holding garbage",
                         sandbox_file("daemon.pid", "not a pid\n"));
    launch_refused(&b, NULL);
}

DK_ANY_CASE(H8, H8_pidfile_empty)
{
    sandbox_require("pidfile");
    bad_input b = before("an existing empty PID file",
                         sandbox_file("daemon.pid", NULL));
    launch_refused(&b, NULL);
}

/* No case here for a PID file naming a dead PID with no lock on it: that
 * is H2's stale file, which an implementation may reclaim safely. */

DK_ANY_CASE(H8, H8_pidfile_names_live_pid)
{
    sandbox_require("pidfile");
    pid_t alive = case_stranger();
    bad_input b = before("an existing PID file naming a live process",
                         sandbox_file("daemon.pid", pid_line(alive)));
    b.keep = &alive;
    b.n_keep = 1;
    launch_refused(&b, NULL);
    cr_expect(case_alive(alive), "process %d named in the existing PID "
              "file did not survive the refused launch", (int)alive);
}

/* ---- --chdir, stdio, --shield ---- */

DK_ANY_CASE(H8, H8_chdir_missing_directory)
{
    sandbox_require("chdir");
    sandbox_require("readiness");
    launch_spec spec = {.chdir = sandbox_path("no-such-dir")};
    bad_input b = before("--chdir to a missing directory",
                         sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

DK_ANY_CASE(H8, H8_chdir_to_a_file)
{
    sandbox_require("chdir");
    sandbox_require("readiness");
    launch_spec spec = {.chdir = sandbox_file("plain-file", "not a directory\n")};
    bad_input b = before("--chdir to a regular file", sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

DK_ANY_CASE(H8, H8_stdin_unopenable)
{
    sandbox_require("stdin");
    sandbox_require("readiness");
    launch_spec spec = {.stdin_path = sandbox_path("no-such-dir/input")};
    bad_input b = before("--stdin in a missing directory",
                         sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

DK_ANY_CASE(H8, H8_stdout_unopenable)
{
    sandbox_require("stdout");
    sandbox_require("readiness");
    const char *dir = sandbox_mkdir("a-directory");
    launch_spec spec = {.stdout_path = dir};
    bad_input b = before("--stdout naming a directory", sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

DK_ANY_CASE(H8, H8_stderr_unopenable)
{
    sandbox_require("stderr");
    sandbox_require("readiness");
    const char *dir = sandbox_mkdir("a-directory");
    launch_spec spec = {.stderr_path = dir};
    bad_input b = before("--stderr naming a directory", sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

DK_CASE(H8, H8_shield_fd_not_open)
{
    sandbox_require("shield");
    /* The launcher inherits 0-5 and 1000 (case.h); 77 is not open. */
    launch_spec spec = {.shield = {77}, .n_shield = 1};
    bad_input b = before("--shield 77, an fd that is not open",
                         sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

/* ---- --send ---- */

DK_ANY_CASE(H8, H8_send_missing_pidfile)
{
    sandbox_require("send");
    bad_input b = before("--send with a missing PID file",
                         sandbox_path("daemon.pid"));
    send_refused(&b);
}

DK_ANY_CASE(H8, H8_send_garbage_pidfile)
{
    sandbox_require("send");
    bad_input b = before("--send with a PID file holding garbage",
                         sandbox_file("daemon.pid", "not a pid\n"));
    send_refused(&b);
}

DK_ANY_CASE(H8, H8_send_dead_pid)
{
    sandbox_require("send");
    bad_input b = before("--send with a PID file naming a dead PID",
                         sandbox_file("daemon.pid", pid_line(case_dead_pid())));
    send_refused(&b);
}

DK_ANY_CASE(H8, H8_send_pidfile_is_a_directory)
{
    sandbox_require("send");
    const char *pidfile = sandbox_mkdir("daemon.pid");
    bad_input b = before("--send with a directory as the PID file", pidfile);
    send_refused(&b);
}

/* ---- failures the daemon meets before it is ready ---- */

DK_ANY_CASE(H8, H8_ready_in_missing_directory)
{
    sandbox_require("readiness");
    launch_spec spec = {.ready = sandbox_path("no-such-dir/ready")};
    bad_input b = before("--ready in a missing directory",
                         sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

/* The ready file is the contract's, written by the daemon's program (the
 * payload) before the implementation reports readiness: named as the PID
 * file, the program replaces the PID file during its start-up. No adapter
 * refuses it for its implementation (CONTRACT.md, "What an adapter may
 * decide"): what is judged is the implementation's readiness, which must
 * not report a daemon ready whose PID file is no longer the one it created
 * and locked. */
DK_CASE(H8, H8_ready_is_the_pidfile)
{
    sandbox_require("readiness");
    launch_spec spec = {.ready = sandbox_path("daemon.pid")};
    bad_input b = before("--ready naming the PID file (the daemon's program "
                         "writes over the PID file before the daemon is "
                         "ready)",
                         sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

DK_ANY_CASE(H8, H8_stdin_is_a_directory)
{
    sandbox_require("stdin");
    sandbox_require("readiness");
    const char *dir = sandbox_mkdir("a-directory");
    launch_spec spec = {.stdin_path = dir};
    bad_input b = before("--stdin naming a directory", sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

/* Opening a FIFO for writing blocks until a reader comes: the daemon must
 * not hang there (the launcher's deadline is the case's). */
DK_CASE(H8, H8_stdout_fifo_without_reader)
{
    sandbox_require("stdout");
    sandbox_require("readiness");
    const char *fifo = sandbox_path("a-fifo");
    if (mkfifo(fifo, 0644) < 0)
        case_broken("mkfifo %s: %s", fifo, strerror(errno));
    launch_spec spec = {.stdout_path = fifo};
    bad_input b = before("--stdout naming a FIFO nobody reads",
                         sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

/* The same file spelt two ways: output appended to the PID file would
 * corrupt it. */
DK_CASE(H8, H8_stdout_is_the_pidfile)
{
    sandbox_require("stdout");
    sandbox_require("readiness");
    launch_spec spec = {.stdout_path = sandbox_path("./daemon.pid")};
    bad_input b = before("--stdout naming the PID file (as DIR/./daemon.pid)",
                         sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

/* ---- --send only to a live daemon of ours ---- */

DK_ANY_CASE(H8, H8_send_to_a_stranger)
{
    sandbox_require("send");
    pid_t alive = case_stranger();
    bad_input b = before("--send with a PID file naming a live process that "
                         "is no daemon",
                         sandbox_file("daemon.pid", pid_line(alive)));
    b.keep = &alive;
    b.n_keep = 1;
    send_refused(&b);
    cr_expect(case_alive(alive), "--send signalled process %d, which the "
              "PID file named but which is no daemon", (int)alive);
}

/* A daemon runs; its PID file is then made to name a stranger. The lock is
 * still the daemon's, the PID is not: no signal to either. */
DK_CASE(H8, H8_send_pid_not_the_lock_holder)
{
    sandbox_require("send");
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    pid_t kept[2] = {daemon, case_stranger()};
    int fd = open(l->pidfile, O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0 || dprintf(fd, "%d\n", (int)kept[1]) < 0 || close(fd) < 0)
        case_broken("rewrite %s: %s", l->pidfile, strerror(errno));
    bad_input b = before("--send with a PID file naming a process that does "
                         "not hold its lock (the daemon does)",
                         l->pidfile);
    b.keep = kept;
    b.n_keep = 2;
    send_refused(&b);
    cr_expect(obs_alive(kept[1]), "--send signalled process %d, named in "
              "the PID file but not holding its lock", (int)kept[1]);
    cr_expect(obs_alive(daemon), "--send signalled daemon %d, though the "
              "PID file named another process", (int)daemon);
}

/* ---- what a failed launch created, and a timeout that is no timeout ---- */

/* The launch created stdout's log, then failed (on stderr's target): the
 * log it made must go with it. */
DK_CASE(H8, H8_new_stdout_removed_when_stderr_fails)
{
    sandbox_require("stdout");
    sandbox_require("stderr");
    sandbox_require("readiness");
    launch_spec spec = {.stdout_path = sandbox_path("new.log"),
                        .stderr_path = sandbox_path("no-such-dir/err.log")};
    bad_input b = before("--stdout naming a new file with --stderr in a "
                         "missing directory", sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

/* The same, the failure later: after stdio is in place, in the payload's
 * own step (its ready file), reported with the library's not-ready. */
DK_CASE(H8, H8_new_stdout_removed_when_ready_fails)
{
    sandbox_require("stdout");
    sandbox_require("readiness");
    launch_spec spec = {.stdout_path = sandbox_path("new.log"),
                        .ready = sandbox_path("no-such-dir/ready")};
    bad_input b = before("--stdout naming a new file with --ready in a "
                         "missing directory", sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

/* The launcher's timeout: zero, negative, not a number, or past a day is
 * no timeout anyone meant. */
DK_CASE(H8, H8_timeout_out_of_range)
{
    sandbox_require("timeout");
    sandbox_require("readiness");
    static const char *const bad[] = {"0", "-1", "nan", "-inf", "1e9"};
    bad_input b = before("--timeout 0", sandbox_path("daemon.pid"));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        b.what = sandbox_printf("--timeout %s", bad[i]);
        launch_spec spec = {.timeout = bad[i]};
        launch *l = case_start(&spec);
        int code = case_wait_launcher(l);
        /* An accepted value started a daemon: the verdict is in, and the
         * next values would only meet its PID file. */
        cr_assert(code != 0, "expected a non-zero exit for --timeout %s; it "
                  "exited 0 and started a daemon", bad[i]);
        expect_left_as_found(&b, code, l->err);
    }
}
