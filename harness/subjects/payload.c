/* payload.c: the program that daemonize(1) and start-stop-daemon run as
 * their daemon. Those tools daemonize from outside; the payload only does
 * the contract's part once it runs (CONTRACT.md §2): signal handling per
 * --on, the ready lines, the ready file, then waiting for signals.
 *
 *   subject-payload --pidfile PATH --ready PATH [--on SIG=ACTION]...
 *
 * --pidfile is only read by the argument parser; the PID file is the
 * tool's business. */
#include "payload_signals.h"
#include "subject_args.h"
#include "subject_payload.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    subject_args args;
    char why[256];
    if (subject_parse_args(argc, argv, &args, why, sizeof why) < 0) {
        fprintf(stderr, "subject-payload: %s\n", why);
        return 2;
    }
    if (args.mode != MODE_DAEMONIZE) {
        fprintf(stderr, "subject-payload: runs as a daemon only\n");
        return 2;
    }
    sigset_t logged;
    if (payload_signals_start(&args, &logged) < 0 ||
        subject_announce_ready(args.ready) < 0)
        return 1;
    payload_serve(&logged);
}
