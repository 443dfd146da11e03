/* payload.c: the program that daemonize(1) and start-stop-daemon run as
 * their daemon. Those tools daemonize from outside; the payload only does
 * the contract's part once it runs (CONTRACT.md §2): signal handling per
 * --on, the ready lines, the ready file, then waiting for signals.
 *
 *   subject-payload --pidfile PATH --ready PATH [--on SIG=ACTION]...
 *
 * --pidfile is only read by the argument parser; the PID file is the
 * tool's business. A failure here is the adapter's, not the tool's
 * (README, "Adapters"): exit 125, and, once running as the daemon, the
 * reason in READY.broken too. */
#include "payload_signals.h"
#include "subject_args.h"
#include "subject_payload.h"

#include <stdio.h>
#include <stdlib.h>

#define ADAPTER_BROKEN 125

static void broken(const char *ready, const char *why) __attribute__((noreturn));
static void broken(const char *ready, const char *why)
{
    fprintf(stderr, "subject-payload: adapter error: %s\n", why);
    char path[4096];
    FILE *f = NULL;
    if (ready != NULL &&
        snprintf(path, sizeof path, "%s.broken", ready) < (int)sizeof path)
        f = fopen(path, "w");
    if (f != NULL) {
        fprintf(f, "subject-payload: adapter error: %s\n", why);
        fclose(f);
    }
    exit(ADAPTER_BROKEN);
}

int main(int argc, char **argv)
{
    subject_args args;
    char why[256];
    if (subject_parse_args(argc, argv, &args, why, sizeof why) < 0)
        broken(NULL, why);
    if (args.mode != MODE_DAEMONIZE)
        broken(NULL, "runs as a daemon only");
    sigset_t logged;
    if (payload_signals_start(&args, &logged) < 0)
        broken(args.ready, "cannot start signal handling");
    if (subject_announce_ready(args.ready) < 0)
        broken(args.ready, "cannot announce readiness");
    payload_serve(&logged);
}
