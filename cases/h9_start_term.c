/* H9: no start-up signal window, a hardening that Daemoniker's U8 does not
 * ask for (its U8, u8_sigterm.c, is SIGTERM handled once the daemon runs).
 * Once the launcher has said the daemon started, a SIGTERM must end it the
 * orderly way (PID file removed) however soon it comes: a daemon that
 * reports success before its handlers are in place dies by the default
 * action now and then, leaving a stale PID file. One round sends TERM the
 * instant the launcher is reaped; many rounds make a narrow window show. */
#include "../harness/case.h"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#define ROUNDS 50

DK_CASE(H9, H9_sigterm_at_launcher_exit)
{
    sandbox_require("pidfile");
    for (int round = 1; round <= ROUNDS; round++) {
        launch *l = case_start(NULL);
        int code = case_wait_launcher(l);
        cr_assert_eq(code, 0, "round %d: the launcher exited %d: %s",
                     round, code, case_launcher_error(l));
        size_t len;
        const char *text = sandbox_read(l->pidfile, &len);
        char *end;
        long pid = text ? strtol(text, &end, 10) : 0;
        cr_assert(pid > 1, "round %d: the launcher exited 0 but the PID "
                  "file %s holds no PID", round, l->pidfile);
        case_signal((pid_t)pid, SIGTERM);
        const char *why = NULL;
        cr_assert(case_ends((pid_t)pid, SIGTERM, CASE_DEADLINE, "the "
                            "daemon's end after SIGTERM", &why),
                  "round %d: daemon %ld still alive %gs after SIGTERM: %s",
                  round, pid, CASE_DEADLINE, why);
        /* Its processes settle first: a supervisor may remove the PID file
         * once the daemon has exited (jsvc's controller does). */
        case_wait_only(NULL, 0, CASE_DEADLINE);
        cr_assert(access(l->pidfile, F_OK) != 0,
                  "round %d: daemon %ld, sent SIGTERM the instant its "
                  "launcher exited, ended without removing %s (killed before "
                  "its handlers were in place?)", round, pid, l->pidfile);
    }
}
