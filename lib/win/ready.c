/* ready.c: deferred readiness on Windows (daemoniker.h, defer_ready). The
 * daemon keeps the launcher's acknowledgement pipe instead of answering
 * "ok" when daemonizing completes; dk_ready() answers then, dk_not_ready()
 * removes the PID file and gives the launcher its one line of failure. */
#include "steps.h"

#include <stdio.h>

static char pending_pipe[256];
static bool reported;

void dk__win_ready_defer(const char *pipe_name)
{
    snprintf(pending_pipe, sizeof pending_pipe, "%s", pipe_name);
}

dk_status dk_ready(dk_error *err)
{
    if (reported)
        return DK_OK;
    if (pending_pipe[0] == '\0')
        return dk__fail(err, DK_ESTATE, "H3", 0,
                        "no launcher waits for this process's readiness");
    /* Undelivered, the launcher would wait out its deadline: the daemon
     * fails instead, and may still say why with dk_not_ready(). */
    DWORD code = dk__win_ack_ready(pending_pipe);
    if (code != 0)
        return dk__win_fail(err, DK_ESYS, "W10", code,
                            "cannot tell the launcher that the daemon is ready");
    pending_pipe[0] = '\0';
    reported = true;
    return DK_OK;
}

dk_status dk_not_ready(const char *why)
{
    if (pending_pipe[0] == '\0')
        return DK_ESTATE;
    /* The PID file goes before the launcher hears of the failure, so that
     * when it exits non-zero nothing of the launch remains. */
    dk__win_cleanup_run();
    dk_error err;
    dk__fail(&err, DK_ECHILD, "H3", 0, "%s", why ? why : "not ready");
    dk__win_ack_failure(pending_pipe, &err);
    pending_pipe[0] = '\0';
    return DK_OK;
}

/* systemd is not there to hear it. */
void dk_notify_stopping(void)
{
}
