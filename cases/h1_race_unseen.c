/* H1, forced without a tracer: H1_traced_checks_before_creates's race, its
 * launchers held through seccomp user notification (hold_unseen.h) instead
 * of ptrace, so that a subject which reads TracerPid and takes its careful
 * path only when traced meets the race untraced. Each launcher's first
 * call on the PID file's directory waits until both have reached theirs,
 * then each one's second; the verdict, as for every H1 case, is what is
 * left: exactly one launcher exits 0, its daemon alone lives, and the PID
 * file names it. */
#include "../harness/case.h"
#include "../harness/hold_unseen.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define RACERS 2

DK_CASE(H1, H1_unseen_checks_before_creates)
{
    sandbox_require("pidfile");
    const char *run = sandbox_path("run");
    if (mkdir(run, 0755) < 0)
        case_broken("mkdir %s: %s", run, strerror(errno));
    char why[256];
    const char *ready[RACERS];
    for (size_t i = 0; i < RACERS; i++)
        ready[i] = case_next_ready(i);
    if (unseen_begin(RACERS, run, ready, why, sizeof why) < 0)
        cr_skip_test("the subject's calls cannot be held here: %s", why);
    launch_spec spec = {.pidfile = sandbox_printf("%s/daemon.pid", run)};
    launch *racers[RACERS];
    case_start_all_unseen(&spec, RACERS, racers);
    launch *winners[RACERS];
    size_t n_win = 0;
    for (size_t i = 0; i < RACERS; i++)
        if (case_wait_launcher(racers[i]) == 0)
            winners[n_win++] = racers[i];
    cr_assert(n_win >= 1, "both racing launchers failed [%s]; the first "
              "said \"%s\"", unseen_note(), case_launcher_error(racers[0]));
    pid_t daemons[RACERS];
    for (size_t i = 0; i < n_win; i++)
        daemons[i] = case_daemon(winners[i]);
    case_only_left(daemons, n_win, CASE_DEADLINE, "the end of the losing "
                   "launcher's processes", NULL);
    pid_t living[64];
    size_t n_living = case_living(living, 64);
    cr_assert(n_win == 1 && n_living == 1,
              "each launcher's checks held before either's create, without "
              "a tracer [%s]: %zu launchers exited 0, %zu processes live",
              unseen_note(), n_win, n_living);
    pid_t named = case_pidfile_pid(spec.pidfile);
    cr_assert(named == daemons[0], "the PID file names %d, not the one "
              "daemon %d [%s]", (int)named, (int)daemons[0], unseen_note());
    /* One daemon; but if the launchers' checks were not all held at once,
     * a pass would claim an interleaving that did not happen. */
    if (unseen_forced() < 1)
        cr_skip_test("one daemon, but the interleaving was not forced: %s",
                     unseen_note());
}
