/* SW1..SW6: signals on Windows through a sentinel process. The harness
 * "sends" a signal the way Daemoniker's send does: TerminateProcess on the
 * PID the PID file names, with the signal number as exit code. */
#include "../harness/case.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>
#include <unistd.h>

static size_t count(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = text; p && (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

/* A daemon logging every signal to out.log. Its stderr goes there too,
 * where it can: a daemon that cannot start its next sentinel says why on
 * stderr, which a failure then quotes (log_of). */
static win_pid logging_daemon(launch **l)
{
    sandbox_require("sentinel");
    sandbox_require("on");
    sandbox_require("stdout");
    launch_spec spec = {.stdout_path = sandbox_path("out.log"),
                        .stderr_path = sandbox_has("stderr")
                                           ? sandbox_path("out.log") : NULL,
                        .on = {"INT=log", "TERM=log", "ABRT=log"},
                        .n_on = 3};
    return case_run(&spec, l);
}

static win_pid sentinel_of(launch *l)
{
    win_pid s = case_pidfile_pid(l->pidfile);
    cr_assert(s != 0, "the PID file %s names no process", l->pidfile);
    return s;
}

static const char *log_of(void)
{
    const char *text = sandbox_read(sandbox_path("out.log"), NULL);
    return text ? text : "";
}

/* SW1: the main thread sleeps for ever, yet a signal is handled: another
 * thread of the daemon waits on the sentinel. */
DK_WIN_CASE(SW1, SW1_signal_handled_while_main_thread_sleeps)
{
    launch *l;
    win_pid daemon = logging_daemon(&l);
    win_pid next = case_win_signal(sentinel_of(l), 15, l);
    cr_expect(next != 0, "no new sentinel after ending the first one; the "
              "daemon's output: \"%s\"", log_of());
    cr_expect(count(log_of(), "signal 15\n") == 1,
              "daemon %lu did not handle the signal; its stdout: \"%s\"",
              daemon, log_of());
    win_info in = case_win_info(daemon, NULL);
    cr_expect(in.alive && in.threads >= 2,
              "daemon %lu has %lu threads; expected one for signals "
              "besides the main thread", daemon, in.threads);
}

/* SW2: the sentinel is a child of the daemon, alive, running its
 * executable. */
DK_WIN_CASE(SW2, SW2_sentinel_is_a_child_of_the_daemon)
{
    sandbox_require("sentinel");
    launch *l;
    win_pid daemon = case_run(NULL, &l);
    win_pid sentinel = sentinel_of(l);
    win_info in = case_win_info(sentinel, NULL);
    cr_expect(sentinel != daemon && in.alive && in.ppid == daemon,
              "the PID file names %lu (alive %d, parent %lu); expected a "
              "living child of daemon %lu", sentinel, in.alive, in.ppid, daemon);
}

/* SW3: the PID file holds the sentinel's PID and a newline, nothing else. */
DK_WIN_CASE(SW3, SW3_pidfile_names_the_sentinel)
{
    sandbox_require("sentinel");
    launch *l;
    win_pid daemon = case_run(NULL, &l);
    const char *text = sandbox_read(l->pidfile, NULL);
    win_pid named = case_pidfile_pid(l->pidfile);
    cr_assert(named != 0, "the PID file holds \"%s\", not a PID and a "
              "newline", text ? text : "(none)");
    cr_expect(named != daemon, "the PID file names the daemon %lu, not "
              "its sentinel", daemon);
    cr_expect(case_win_info(named, NULL).ppid == daemon,
              "the PID file names %lu, not a child of daemon %lu", named,
              daemon);
}

/* SW4: the exit code is the signal number the handler receives. */
DK_WIN_CASE(SW4, SW4_exit_code_is_the_signal_number)
{
    launch *l;
    logging_daemon(&l);
    static const unsigned codes[] = {15, 22, 2};
    for (size_t i = 0; i < 3; i++)
        cr_assert(case_win_signal(sentinel_of(l), codes[i], l) != 0,
                  "no new sentinel after ending one with %u; the daemon's "
                  "output: \"%s\"", codes[i], log_of());
    cr_expect(strstr(log_of(), "signal 15\nsignal 22\nsignal 2\n") != NULL,
              "ended sentinels with 15, 22, 2; the handlers logged \"%s\"",
              log_of());
}

/* SW4: CTRL_C_EVENT (0) and CTRL_BREAK_EVENT (1) both mean SIGINT. */
DK_WIN_CASE(SW4, SW4_codes_0_and_1_are_sigint)
{
    launch *l;
    logging_daemon(&l);
    cr_assert(case_win_signal(sentinel_of(l), 0, l) != 0,
              "no new sentinel after ending one with 0; the daemon's "
              "output: \"%s\"", log_of());
    cr_assert(case_win_signal(sentinel_of(l), 1, l) != 0,
              "no new sentinel after ending one with 1; the daemon's "
              "output: \"%s\"", log_of());
    cr_expect(count(log_of(), "signal 2\n") == 2,
              "ended sentinels with 0 and 1; expected two SIGINTs (2), "
              "the handlers logged \"%s\"", log_of());
}

/* SW4: an ignored signal runs nothing, and the daemon lives on. */
DK_WIN_CASE(SW4, SW4_ignored_signal_does_nothing)
{
    sandbox_require("sentinel");
    launch_spec spec = {.stdout_path = sandbox_path("out.log"), .on = {"INT=ignore"}, .n_on = 1};
    launch *l;
    win_pid daemon = case_run(&spec, &l);
    cr_assert(case_win_signal(sentinel_of(l), 2, l) != 0,
              "no new sentinel after an ignored SIGINT");
    cr_expect(case_win_info(daemon, NULL).alive,
              "daemon %lu ended on an ignored SIGINT", daemon);
}

/* SW4 through the subject's own send (Daemoniker's send). */
DK_WIN_CASE(SW4, SW4_send_reaches_the_handler)
{
    sandbox_require("send");
    launch *l;
    win_pid daemon = logging_daemon(&l);
    win_pid sentinel = sentinel_of(l);
    int code = case_send("TERM", l->pidfile);
    cr_assert(code == 0, "'--send TERM' exited %d", code);
    bool renewed = win_await_pidfile(l->pidfile_subject, sentinel,
                                     CASE_DEADLINE) != 0;
    const char *why = renewed ? NULL
                              : case_evidence(daemon, 0, CASE_DEADLINE,
                                              "a new sentinel after '--send "
                                              "TERM'");
    cr_assert(renewed, "no new sentinel after '--send TERM': %s", why);
    cr_expect(count(log_of(), "signal 15\n") == 1,
              "daemon %lu's handler did not log SIGTERM after '--send "
              "TERM'; its stdout: \"%s\"", daemon, log_of());
}

/* SW5: a new sentinel for every signal, each a living child of the daemon
 * named in the PID file. */
DK_WIN_CASE(SW5, SW5_new_sentinel_for_every_signal)
{
    launch *l;
    win_pid daemon = logging_daemon(&l);
    win_pid previous = sentinel_of(l);
    for (int i = 0; i < 3; i++) {
        win_pid next = case_win_signal(previous, 2, l);
        cr_assert(next != 0 && next != previous,
                  "signal %d: the PID file did not name a new sentinel "
                  "(still %lu)", i + 1, previous);
        win_info in = case_win_info(next, NULL);
        cr_expect(in.alive && in.ppid == daemon,
                  "signal %d: new sentinel %lu is not a living child of "
                  "daemon %lu", i + 1, next, daemon);
        cr_expect(!case_win_info(previous, NULL).alive,
                  "the ended sentinel %lu is still alive", previous);
        previous = next;
    }
    cr_expect(count(log_of(), "signal 2\n") == 3,
              "three signals, the handlers logged \"%s\"", log_of());
}

/* SW6: the default handlers end the daemon the orderly way: exit code
 * 128+N, exit cleanup run (the PID file removed), nothing left. */
static void expect_orderly_end(const char *on, unsigned signum)
{
    sandbox_require("sentinel");
    launch_spec spec = {.on = {on}, .n_on = 1};
    launch *l;
    win_pid daemon = case_run(&spec, &l);
    unsigned long code = 0;
    int ended = win_end_then_wait(sentinel_of(l), signum, daemon,
                                  CASE_DEADLINE, &code);
    if (ended < 0)
        case_broken("the probe could not wait for daemon %lu", daemon);
    /* 2: ended, but gone before the probe (a Wine start, slow under load)
     * could open it, its exit code with it: what else it left is judged,
     * the code not. */
    const char *why = ended >= 1 ? NULL
                                 : case_evidence(daemon, 0, CASE_DEADLINE,
                                                 "the daemon's end after its "
                                                 "sentinel's");
    cr_assert(ended >= 1,
              "daemon %lu still alive %gs after its sentinel ended with %u: %s",
              daemon, CASE_DEADLINE, signum, why);
    cr_expect(access(l->pidfile, F_OK) != 0,
              "daemon %lu ended on %u but left the PID file", daemon,
              signum);
    const char *left = NULL;
    cr_expect(case_count_left(0, CASE_DEADLINE, "the end of every process "
                              "after the daemon's", &left),
              "%zu processes of the subject left after the daemon ended: %s",
              case_count_living(), left);
    if (ended == 2)
        case_inconclusive(CASE_DEADLINE, "daemon %lu's exit code (it ended "
                          "before the probe could open it)", daemon);
    cr_expect(code == 128 + signum, "daemon %lu exited %lu, expected %u",
              daemon, code, 128 + signum);
}

DK_WIN_CASE(SW6, SW6_default_sigterm_ends_daemon_orderly)
{
    expect_orderly_end("TERM=default", 15);
}

DK_WIN_CASE(SW6, SW6_default_sigint_ends_daemon_orderly)
{
    expect_orderly_end("INT=default", 2);
}
