/* W1: Find the running program (for C: the executable's own path). */
#include "../harness/case.h"
#include "../harness/run_config.h"

#include <stdio.h>
#include <stdlib.h>

#include <string.h>
#include <strings.h>

/* The daemon runs the subject's own executable: its image is the program
 * the launcher ran, by full path. */
DK_WIN_CASE(W1, W1_daemon_runs_the_same_executable)
{
    win_pid daemon = case_run(NULL, NULL);
    win_info in = case_win_info(daemon, NULL);
    const char *program = run_config()->subject;
    char want[PATH_MAX], resolved[PATH_MAX];
    size_t n = strcspn(program, " ");
    snprintf(want, sizeof want, "%.*s", (int)n, program);
    win_path_of(realpath(want, resolved) ? resolved : want, want, sizeof want);
    cr_expect(strcasecmp(in.image, want) == 0,
              "daemon %lu runs %s, expected the subject's executable %s",
              daemon, in.image, want);
}
