/* H1 on Windows: exclusivity under a race. K launchers released at once
 * (h1_race.c's barrier), each creating the same PID file under Wine:
 * exactly one succeeds and one daemon runs. Sampled, not forced: Windows
 * has no tracer here to hold each launcher at its call (the traced H1
 * cases are Linux's); with K launchers starting within milliseconds, a
 * launcher that checks and then creates loses the race often enough. */
#include "../harness/case.h"

#include <stdio.h>
#include <unistd.h>

#define RACERS 8

/* Every racer has exited; the winners' count and the last of them. */
static size_t race(launch **racers, launch **winner)
{
    case_start_all(NULL, RACERS, racers);
    size_t winners = 0;
    for (size_t i = 0; i < RACERS; i++)
        if (case_wait_launcher(racers[i]) == 0) {
            winners++;
            *winner = racers[i];
        }
    return winners;
}

DK_WIN_CASE(H1, H1_win_racing_launchers_one_succeeds)
{
    launch *racers[RACERS], *winner = NULL;
    size_t winners = race(racers, &winner);
    cr_expect(winners == 1, "expected exactly one of %d racing launchers to "
              "succeed; %zu exited 0 (the first said \"%s\")", RACERS, winners,
              case_launcher_error(racers[0]));
}

DK_WIN_CASE(H1, H1_win_racing_launchers_one_daemon)
{
    launch *racers[RACERS], *winner = NULL;
    size_t winners = race(racers, &winner);
    cr_assert(winners >= 1, "expected one of %d racing launchers to succeed; "
              "all failed, the first said \"%s\"", RACERS,
              case_launcher_error(racers[0]));
    win_pid daemon = case_daemon(winner);
    size_t ready = 0;
    for (size_t i = 0; i < RACERS; i++)
        ready += access(racers[i]->ready, F_OK) == 0;
    cr_expect(ready == 1, "expected one daemon after %d racing launchers; "
              "%zu wrote their ready file", RACERS, ready);
    win_pid named = case_pidfile_pid(winner->pidfile);
    win_info in = named ? case_win_info(named, NULL) : (win_info){0};
    cr_expect(named == daemon || (in.alive && in.ppid == daemon),
              "expected %s to name daemon %lu or its sentinel; it names %lu",
              winner->pidfile, daemon, named);
}
