/* H8 on Windows: bad input. As for Unix (h8_bad_input.c), the launcher, or
 * --send, exits non-zero with exactly one line on stderr saying why, leaves
 * no process of the subject, leaves the PID file as it found it, and leaves
 * no file behind: none in the sandbox, and no state file (W4) in Windows'
 * temporary directory.
 *
 * What H8 lists that has no Windows meaning is left out: an fd to shield
 * (the subject has no --shield on Windows), a FIFO (no such file there),
 * an unwritable directory for root (Wine maps no ACLs). */
#include "../harness/as_found.h"
#include "../harness/case.h"

#include <stdio.h>
#include <string.h>

typedef struct bad_input {
    const char *what;
    const char *pidfile;       /* Linux path */
    as_found pidfile_before;
    const char *listing_before;
    const char *states_before;
    size_t living_before;      /* processes of ours that must live on */
} bad_input;

/* A refusal proves something only from a subject that accepts good input:
 * each case first starts a daemon (or, for --send, ends one with it). */
static bad_input before(const char *what, const char *pidfile)
{
    if (strncmp(what, "--send", 6) == 0)
        case_precondition_send();
    else
        case_precondition_daemon();
    return (bad_input){.what = what, .pidfile = pidfile,
                       .pidfile_before = as_found_at(pidfile),
                       .listing_before = case_listing(),
                       .states_before = case_win_temp_states(),
                       .living_before = case_count_living()};
}

/* One line: a Windows program may end it with "\r\n". */
static void expect_one_line_reason(const bad_input *b, const char *err_path)
{
    const char *text = sandbox_read(err_path, NULL);
    if (text == NULL)
        text = "";
    size_t len = strlen(text);
    const char *nl = strchr(text, '\n');
    size_t body = nl ? (size_t)(nl - text) : len;
    if (body > 0 && text[body - 1] == '\r')
        body--;
    bool one = body > 0 && nl == text + len - 1;
    cr_expect(one, "expected exactly one non-empty line on stderr for %s; "
              "got \"%s\"", b->what, one_line(text));
}

static void expect_left_as_found(const bad_input *b, int code,
                                 const char *err_path)
{
    cr_expect(code != 0, "expected a non-zero exit for %s; it exited 0",
              b->what);
    expect_one_line_reason(b, err_path);
    cr_expect(case_wait_living(b->living_before, CASE_DEADLINE),
              "expected no daemon after refusing %s: %zu processes of ours "
              "alive, %zu before", b->what, case_count_living(), b->living_before);

    as_found after = as_found_at(b->pidfile);
    char was[600], is[600];
    cr_expect(as_found_same(&after, &b->pidfile_before),
              "after refusing %s the PID file %s is %s; it was %s", b->what,
              b->pidfile, as_found_describe(&after, is, sizeof is),
              as_found_describe(&b->pidfile_before, was, sizeof was));
    const char *listing = case_listing();
    cr_expect(strcmp(listing, b->listing_before) == 0,
              "after refusing %s the sandbox changed: before [%s], after [%s]",
              b->what, one_line(b->listing_before), one_line(listing));
    const char *states = case_win_new_temp_states(b->states_before);
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

static const char *pid_line(win_pid pid)
{
    return sandbox_printf("%lu\n", pid);
}

/* ---- where the PID file goes ---- */

DK_WIN_CASE(H8, H8_win_pidfile_in_missing_directory)
{
    sandbox_require("pidfile");
    launch_spec spec = {.pidfile = "no-such-dir/daemon.pid"};
    bad_input b = before("a PID file in a missing directory",
                         sandbox_path(spec.pidfile));
    launch_refused(&b, &spec);
}

DK_WIN_CASE(H8, H8_win_pidfile_parent_is_a_file)
{
    sandbox_require("pidfile");
    sandbox_file("plain-file", "not a directory\n");
    launch_spec spec = {.pidfile = "plain-file/daemon.pid"};
    bad_input b = before("a PID file under a regular file",
                         sandbox_path(spec.pidfile));
    launch_refused(&b, &spec);
}

DK_WIN_CASE(H8, H8_win_pidfile_is_a_directory)
{
    sandbox_require("pidfile");
    bad_input b = before("a directory as the PID file",
                         sandbox_mkdir("daemon.pid"));
    launch_refused(&b, NULL);
}

/* ---- what already sits at the PID file's path ---- */

DK_WIN_CASE(H8, H8_win_pidfile_holds_garbage)
{
    sandbox_require("pidfile");
    bad_input b = before("an existing PID file holding garbage",
                         sandbox_file("daemon.pid", "not a pid\n"));
    launch_refused(&b, NULL);
}

DK_WIN_CASE(H8, H8_win_pidfile_empty)
{
    sandbox_require("pidfile");
    bad_input b = before("an existing empty PID file",
                         sandbox_file("daemon.pid", NULL));
    launch_refused(&b, NULL);
}

DK_WIN_CASE(H8, H8_win_pidfile_names_live_pid)
{
    sandbox_require("pidfile");
    win_pid alive = case_win_stranger();
    bad_input b = before("an existing PID file naming a live process",
                         sandbox_file("daemon.pid", pid_line(alive)));
    launch_refused(&b, NULL);
    cr_expect(case_win_info(alive, NULL).alive, "process %lu named in the "
              "existing PID file did not survive the refused launch", alive);
}

/* ---- --chdir, stdio, --ready: failures the daemon meets ---- */

DK_WIN_CASE(H8, H8_win_chdir_missing_directory)
{
    sandbox_require("chdir");
    launch_spec spec = {.chdir = sandbox_path("no-such-dir")};
    bad_input b = before("--chdir to a missing directory",
                         sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

DK_WIN_CASE(H8, H8_win_chdir_to_a_file)
{
    sandbox_require("chdir");
    sandbox_file("plain-file", "not a directory\n");
    launch_spec spec = {.chdir = sandbox_path("plain-file")};
    bad_input b = before("--chdir to a regular file", sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

DK_WIN_CASE(H8, H8_win_stdin_unopenable)
{
    sandbox_require("stdin");
    launch_spec spec = {.stdin_path = sandbox_path("no-such-dir/input")};
    bad_input b = before("--stdin in a missing directory",
                         sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

DK_WIN_CASE(H8, H8_win_stdin_is_a_directory)
{
    sandbox_require("stdin");
    sandbox_mkdir("a-directory");
    launch_spec spec = {.stdin_path = sandbox_path("a-directory")};
    bad_input b = before("--stdin naming a directory", sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

DK_WIN_CASE(H8, H8_win_stdout_unopenable)
{
    sandbox_require("stdout");
    sandbox_mkdir("a-directory");
    launch_spec spec = {.stdout_path = sandbox_path("a-directory")};
    bad_input b = before("--stdout naming a directory", sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

DK_WIN_CASE(H8, H8_win_stderr_unopenable)
{
    sandbox_require("stderr");
    sandbox_mkdir("a-directory");
    launch_spec spec = {.stderr_path = sandbox_path("a-directory")};
    bad_input b = before("--stderr naming a directory", sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

DK_WIN_CASE(H8, H8_win_ready_in_missing_directory)
{
    sandbox_require("readiness");
    launch_spec spec = {.ready = sandbox_path("no-such-dir/ready")};
    bad_input b = before("--ready in a missing directory",
                         sandbox_path("daemon.pid"));
    launch_refused(&b, &spec);
}

/* ---- --send ---- */

DK_WIN_CASE(H8, H8_win_send_missing_pidfile)
{
    sandbox_require("send");
    bad_input b = before("--send with a missing PID file",
                         sandbox_path("daemon.pid"));
    send_refused(&b);
}

DK_WIN_CASE(H8, H8_win_send_garbage_pidfile)
{
    sandbox_require("send");
    bad_input b = before("--send with a PID file holding garbage",
                         sandbox_file("daemon.pid", "not a pid\n"));
    send_refused(&b);
}

DK_WIN_CASE(H8, H8_win_send_dead_pid)
{
    sandbox_require("send");
    bad_input b = before("--send with a PID file naming a dead PID",
                         sandbox_file("daemon.pid", pid_line(case_win_dead_pid())));
    send_refused(&b);
}

DK_WIN_CASE(H8, H8_win_send_pidfile_is_a_directory)
{
    sandbox_require("send");
    bad_input b = before("--send with a directory as the PID file",
                         sandbox_mkdir("daemon.pid"));
    send_refused(&b);
}

/* Send means TerminateProcess on Windows: to a process that is not a
 * daemon of this program, it must not be sent. */
DK_WIN_CASE(H8, H8_win_send_to_a_stranger)
{
    sandbox_require("send");
    win_pid alive = case_win_stranger();
    bad_input b = before("--send with a PID file naming a live process that "
                         "is no daemon of this program",
                         sandbox_file("daemon.pid", pid_line(alive)));
    send_refused(&b);
    cr_expect(case_win_info(alive, NULL).alive, "--send ended process %lu, "
              "which the PID file named but which is no daemon", alive);
}
