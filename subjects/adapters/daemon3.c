/* daemon3.c: the subject contract spoken by the classic BSD recipe:
 * libbsd's pidfile_open(3) before glibc's daemon(3), pidfile_write(3)
 * after it.
 *
 * Only what those calls can express is declared. daemon(3) takes two
 * flags: we pass daemon(0, 0), its documented full daemonization (chdir to
 * "/", stdio to /dev/null); it has no directory, umask, stdio target or
 * shield to choose, and no readiness report. libbsd has no function to
 * signal the process a PID file names, so no `send`. Nothing here removes
 * the PID file at exit: pidfile(3) leaves that to the program, and a
 * program that forgets is exactly what U2 and U8 are there to see. */
#include "../payload_signals.h"
#include "../subject_args.h"
#include "../subject_payload.h"

#include <bsd/libutil.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char capabilities[] = "pidfile\nready\non\n";

static int fail(const char *what, int err)
{
    fprintf(stderr, "subject-daemon3: %s: %s\n", what, strerror(err));
    return 1;
}

int main(int argc, char **argv)
{
    subject_args args;
    char why[256];
    if (subject_parse_args(argc, argv, &args, why, sizeof why) < 0) {
        /* What dkcheck sent does not parse: the adapter's failure, not
         * the implementation's (CONTRACT.md, exit status 125). */
        fprintf(stderr, "subject-daemon3: adapter error: %s\n", why);
        return 125;
    }
    if (args.mode == MODE_CAPABILITIES) {
        fputs(capabilities, stdout);
        return 0;
    }
    if (args.mode == MODE_SEND) {
        fprintf(stderr, "subject-daemon3: libbsd's pidfile(3) has no send\n");
        return 2;
    }
    if (args.chdir || args.umask >= 0 || args.stdin_path ||
        args.stdout_path || args.stderr_path || args.n_shield > 0) {
        fprintf(stderr, "subject-daemon3: daemon(3) takes no directory, "
                        "umask, stdio target or shielded fd\n");
        return 2;
    }

    pid_t other;
    struct pidfh *pfh = pidfile_open(args.pidfile, 0644, &other);
    if (pfh == NULL) {
        if (errno == EEXIST) {
            fprintf(stderr, "subject-daemon3: %s: already running as PID %d\n",
                    args.pidfile, (int)other);
            return 1;
        }
        return fail(args.pidfile, errno);
    }
    if (daemon(0, 0) < 0) {
        int err = errno;
        pidfile_remove(pfh);
        return fail("daemon", err);
    }
    /* From here on stderr is /dev/null: failures only show as no ready file. */
    if (pidfile_write(pfh) < 0)
        return fail(args.pidfile, errno);

    sigset_t logged;
    if (payload_signals_start(&args, &logged) < 0 ||
        subject_announce_ready(args.ready) < 0)
        return 1;
    payload_serve(&logged);
}
