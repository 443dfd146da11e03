/* stage_kill.c: the reference subject with a hook that sends its launcher
 * SIGTERM at one stage of daemonizing, chosen by DK_STAGE_KILL:
 *   options  before anything is created
 *   created  right after the PID file is created and locked, before the fork
 *   forked   in the launcher, right after the fork
 * Not a mutant (nothing is broken): scripts/launcher-stages uses it to kill
 * the launcher at each stage deterministically and check what is left.
 * wraps: dk_options_check dk__pidfile_create dk__detach
 */
#include "../../lib/unix/steps.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

static void kill_at(const char *stage)
{
    const char *want = getenv("DK_STAGE_KILL");
    if (want != NULL && strcmp(want, stage) == 0)
        raise(SIGTERM);
}

dk_status __real_dk_options_check(const dk_options *opts, dk_error *err);
dk_status __real_dk__pidfile_create(const char *path, int *fd, dk_error *err);
dk_status __real_dk__detach(const char *pid_file, const dk_daemon_fds *fds,
                            bool *is_launcher, int *report_fd, dk_error *err);

dk_status __wrap_dk_options_check(const dk_options *opts, dk_error *err)
{
    kill_at("options");
    return __real_dk_options_check(opts, err);
}

dk_status __wrap_dk__pidfile_create(const char *path, int *fd, dk_error *err)
{
    dk_status st = __real_dk__pidfile_create(path, fd, err);
    if (st == DK_OK)
        kill_at("created");
    return st;
}

dk_status __wrap_dk__detach(const char *pid_file, const dk_daemon_fds *fds,
                            bool *is_launcher, int *report_fd, dk_error *err)
{
    dk_status st = __real_dk__detach(pid_file, fds, is_launcher, report_fd, err);
    if (st == DK_OK && *is_launcher)
        kill_at("forked");
    return st;
}
