/* SU: Daemoniker's signal handling on Unix: handlers receive the signal
 * number; defaults for SIGINT, SIGTERM, SIGABRT end the daemon the orderly
 * way; IGNORE ignores. Signals are sent from outside with kill(2). */
#include "../harness/case.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pid_t start_logging(const char *on1, const char *on2, launch **l)
{
    sandbox_require("on");
    sandbox_require("stdout");
    launch_spec spec = {.stdout_path = sandbox_path("out.log"),
                        .on = {on1, on2},
                        .n_on = on2 ? 2 : 1};
    return case_run(&spec, l);
}

static void expect_logged(pid_t daemon, int signum)
{
    char line[32];
    snprintf(line, sizeof line, "signal %d\n", signum);
    bool found = dk_wait_file_contains(sandbox_path("out.log"), line,
                                       dk_deadline_in(CASE_DEADLINE));
    const char *why = found ? NULL
                            : case_evidence(daemon, signum, CASE_DEADLINE,
                                            sandbox_printf("\"signal %d\" "
                                                           "in the log", signum));
    const char *text = sandbox_read(sandbox_path("out.log"), NULL);
    cr_assert(found,
              "expected the log handler of daemon %d to write \"signal "
              "%d\"; stdout holds \"%s\": %s",
              (int)daemon, signum, text ? text : "", why);
}

static void log_case(const char *on, int signum)
{
    launch *l;
    pid_t daemon = start_logging(on, NULL, &l);
    case_signal(daemon, signum);
    expect_logged(daemon, signum);
    cr_expect(obs_alive(daemon),
              "expected daemon %d to live on after its log handler ran "
              "for signal %d; it is gone", (int)daemon, signum);
}

DK_CASE(SU, SU_int_log_handler_gets_2) { log_case("INT=log", SIGINT); }
DK_CASE(SU, SU_term_log_handler_gets_15) { log_case("TERM=log", SIGTERM); }
DK_CASE(SU, SU_abrt_log_handler_gets_6) { log_case("ABRT=log", SIGABRT); }

DK_CASE(SU, SU_log_handler_runs_every_time)
{
    pid_t daemon = start_logging("TERM=log", NULL, NULL);
    for (int round = 1; round <= 3; round++) {
        case_signal(daemon, SIGTERM);
        char want[64] = "";
        for (int i = 0; i < round; i++)
            strcat(want, "signal 15\n");
        bool found = dk_wait_file_contains(sandbox_path("out.log"), want,
                                           dk_deadline_in(CASE_DEADLINE));
        const char *why = found ? NULL
                                : case_evidence(daemon, SIGTERM, CASE_DEADLINE,
                                                "a \"signal 15\" line for "
                                                "each SIGTERM");
        cr_assert(found,
                  "expected %d \"signal 15\" lines after %d SIGTERMs to "
                  "daemon %d; stdout holds \"%s\": %s",
                  round, round, (int)daemon,
                  sandbox_read(sandbox_path("out.log"), NULL), why);
    }
}

static bool term_not_pending(void *arg)
{
    pid_t pid = *(pid_t *)arg;
    obs_status st;
    if (obs_read_status(pid, &st) < 0 || !obs_alive(pid))
        return true;
    uint64_t pending = st.sig_pending_process | st.sig_pending_thread;
    return (pending & OBS_SIGBIT(SIGTERM)) == 0;
}

DK_CASE(SU, SU_term_ignored)
{
    launch *l;
    pid_t daemon = start_logging("TERM=ignore", "INT=log", &l);
    case_signal(daemon, SIGTERM);
    /* Wait until the kernel no longer holds the SIGTERM for the daemon, then
     * round-trip a logged SIGINT: once that is logged, the SIGTERM has been
     * dealt with, however the implementation dispatches. */
    dk_wait_until(term_not_pending, &daemon, dk_deadline_in(CASE_DEADLINE));
    if (obs_alive(daemon))
        case_signal(daemon, SIGINT);
    expect_logged(daemon, SIGINT);
    cr_expect(obs_alive(daemon), "daemon %d ended on an ignored SIGTERM",
              (int)daemon);
    const char *text = sandbox_read(sandbox_path("out.log"), NULL);
    cr_expect(text && strstr(text, "signal 15") == NULL,
              "expected the ignored SIGTERM not to reach a handler; "
              "stdout holds \"%s\"", text ? text : "");
}

static void default_ends(int signum)
{
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    case_signal(daemon, signum);
    const char *why = NULL;
    cr_assert(case_ends(daemon, signum, CASE_DEADLINE, "the daemon's end "
                        "by its default handler", &why),
              "expected the default handler to end daemon %d on signal "
              "%d; it is alive %gs later: %s", (int)daemon, signum,
              CASE_DEADLINE, why);
    /* Its processes settle first: a supervisor may remove the PID file
     * once the daemon has exited (jsvc's controller does). */
    case_wait_only(NULL, 0, CASE_DEADLINE);
    cr_expect(access(l->pidfile, F_OK) != 0,
              "the default handler ended daemon %d on signal %d without "
              "its exit cleanup: %s remains", (int)daemon, signum, l->pidfile);
}

DK_CASE(SU, SU_int_default_ends_daemon) { default_ends(SIGINT); }
DK_CASE(SU, SU_abrt_default_ends_daemon) { default_ends(SIGABRT); }

DK_CASE(SU, SU_send_delivers)
{
    sandbox_require("send");
    launch *l;
    pid_t daemon = start_logging("TERM=log", NULL, &l);
    int code = case_send("TERM", l->pidfile);
    cr_assert(code == 0, "expected '--send TERM --pidfile %s' to exit 0; "
              "it exited %d", l->pidfile, code);
    expect_logged(daemon, SIGTERM);
}
