/* H1: Exclusivity holds under a race: K launchers at once, one daemon. */
#include "../harness/case.h"

#include <stdio.h>
#include <stdlib.h>

#define RACERS 16

DK_CASE(H1, H1_racing_launchers_one_daemon)
{
    launch *racers[RACERS];
    case_start_all(NULL, RACERS, racers);
    size_t winners = 0;
    launch *winner = NULL;
    for (size_t i = 0; i < RACERS; i++)
        if (case_wait_launcher(racers[i]) == 0) {
            winners++;
            winner = racers[i];
        }
    cr_assert(winners >= 1, "expected one of %d racing launchers to "
              "succeed; all failed, first said \"%s\"",
              RACERS, case_launcher_error(racers[0]));
    pid_t daemon = case_daemon(winner);
    const char *why = NULL;
    cr_expect(case_only_left(&daemon, 1, CASE_DEADLINE, "the end of the "
                             "losing launchers' processes", &why),
              "expected daemon %d alone after %d racing launchers; "
              "living: [%s]: %s", (int)daemon, RACERS, case_describe_living(),
              why);
    cr_expect(winners == 1, "expected exactly one of %d racing launchers "
              "to succeed; %zu exited 0", RACERS, winners);
    const char *text = sandbox_read(winner->pidfile, NULL);
    cr_expect(text && atol(text) == daemon,
              "expected %s to name the one daemon %d; it holds \"%s\"",
              winner->pidfile, (int)daemon, text ? text : "(nothing)");
}
