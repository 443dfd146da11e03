/* N1: systemd's readiness protocol (sd_notify(3)): given NOTIFY_SOCKET, the
 * daemon sends READY=1 with MAINPID=<its PID> once, itself, after its PID
 * file holds that PID, and STOPPING=1 when SIGTERM begins its orderly exit.
 *
 * dkcheck binds the socket (a path in the sandbox, or an abstract name),
 * puts it in the launcher's environment and passes --notify-socket. The
 * kernel names each datagram's sender (SO_PASSCRED), so a launcher or
 * helper speaking for the daemon is seen. The order against the PID file is
 * forced, not sampled: the socket's queue is held full, so a daemon that
 * sends before writing its PID blocks with its PID file empty. */
#include "../harness/case.h"
#include "../harness/notify_recv.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_SEEN 16

typedef struct datagram {
    char text[512];
    pid_t sender;
} datagram;

static void open_socket(bool abstract)
{
    sandbox_require("notify-socket");
    char value[128];
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", sandbox_path("."));
    dir[strlen(dir) - 2] = '\0'; /* SANDBOX/. -> SANDBOX */
    if (notify_open(abstract, dir, value, sizeof value) < 0) {
        if (errno == ENOTSUP)
            cr_skip_test("dkcheck cannot learn a datagram's sender on this OS");
        case_broken("cannot bind the notify socket: %s",
                       strerror(errno));
    }
    if (setenv("NOTIFY_SOCKET", value, 1) < 0)
        case_broken("setenv: %s", strerror(errno));
}

/* Line "KEY=..." of a datagram, exactly. */
static bool has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text;;) {
        if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0'))
            return true;
        p = strchr(p, '\n');
        if (p == NULL)
            return false;
        p++;
    }
}

/* Every datagram that came, escaped, for a message. */
static const char *describe(const datagram *seen, size_t n)
{
    char *out = sandbox_alloc(MAX_SEEN * 600 + 8), *p = out;
    *p = '\0';
    for (size_t i = 0; i < n; i++) {
        p += sprintf(p, "%s[from %ld: \"", i ? ", " : "", (long)seen[i].sender);
        for (const char *c = seen[i].text; *c; c++)
            p += *c == '\n' ? sprintf(p, "\\n") : sprintf(p, "%c", *c);
        p += sprintf(p, "\"]");
    }
    return n ? out : "nothing";
}

/* Datagrams until the deadline, or (passed deadline) what is queued. */
static size_t drain(datagram *seen, dk_deadline d)
{
    size_t n = 0;
    while (n < MAX_SEEN &&
           notify_recv(seen[n].text, sizeof seen[n].text, &seen[n].sender, d) >= 0)
        n++;
    return n;
}

static void ready_after_pidfile(bool abstract)
{
    open_socket(abstract);
    if (notify_fill() < 0)
        case_broken("cannot fill the notify socket's queue: %s",
                       strerror(errno));
    launch_spec spec = {.notify_socket = true};
    launch *l = case_start(&spec);
    long pid = case_wait_pidfile_pid(l->pidfile, CASE_DEADLINE);
    const char *idle = pid > 0 ? NULL : case_idle();
    if (pid <= 0 && idle == NULL)
        case_inconclusive(CASE_DEADLINE, "a PID in %s while the notify "
                          "socket's queue was full (living, not idle: [%s])",
                          l->pidfile, case_describe_living());
    cr_assert(pid > 0, "the PID file %s held no PID within %gs while the "
              "notify socket's queue was full (a daemon sending READY=1 "
              "before writing its PID file waits there with it empty); "
              "living: [%s], %s", l->pidfile, CASE_DEADLINE,
              case_describe_living(), idle);
    datagram got;
    bool came = notify_recv(got.text, sizeof got.text, &got.sender,
                            dk_deadline_in(CASE_DEADLINE)) >= 0;
    const char *why = came ? NULL
                           : case_evidence((pid_t)pid, 0, CASE_DEADLINE,
                                           "a datagram on NOTIFY_SOCKET");
    cr_assert(came, "nothing came to NOTIFY_SOCKET within %gs of the PID "
              "file naming %ld: %s", CASE_DEADLINE, pid, why);
    cr_expect(has_line(got.text, "READY=1"), "the first datagram is %s, "
              "expected READY=1", describe(&got, 1));
    cr_expect(got.sender == (pid_t)pid, "READY=1 was sent by process %ld, "
              "not by the daemon the PID file names (%ld)", (long)got.sender,
              pid);
    char mainpid[40];
    snprintf(mainpid, sizeof mainpid, "MAINPID=%ld", pid);
    cr_expect(has_line(got.text, mainpid), "the datagram %s does not say %s",
              describe(&got, 1), mainpid);
    pid_t daemon = case_daemon(l);
    cr_expect(daemon == (pid_t)pid, "the PID file named %ld when READY=1 "
              "came; the daemon is %d", pid, (int)daemon);
}

DK_CASE(N1, N1_ready_after_pidfile)
{
    ready_after_pidfile(false);
}

DK_CASE(N1, N1_ready_abstract_socket)
{
    ready_after_pidfile(true);
}

/* All a daemon ever sent is queued once it is gone: sendto is done when
 * the datagram is in the queue. */
static size_t run_to_term(datagram *seen, pid_t *daemon)
{
    open_socket(false);
    launch_spec spec = {.notify_socket = true};
    *daemon = case_run(&spec, NULL);
    case_signal(*daemon, SIGTERM);
    const char *why = NULL;
    cr_assert(case_ends(*daemon, SIGTERM, CASE_DEADLINE, "the daemon's end "
                        "after SIGTERM", &why), "daemon %d still "
              "alive %gs after SIGTERM: %s", (int)*daemon, CASE_DEADLINE, why);
    return drain(seen, dk_deadline_in(0));
}

DK_CASE(N1, N1_ready_sent_once)
{
    datagram seen[MAX_SEEN];
    pid_t daemon;
    size_t n = run_to_term(seen, &daemon);
    size_t ready = 0;
    for (size_t i = 0; i < n; i++)
        ready += has_line(seen[i].text, "READY=1");
    cr_expect(ready == 1, "READY=1 came %zu times from start to exit of "
              "daemon %d: %s", ready, (int)daemon, describe(seen, n));
}

DK_CASE(N1, N1_stopping_on_term)
{
    datagram seen[MAX_SEEN];
    pid_t daemon;
    size_t n = run_to_term(seen, &daemon);
    bool stopping = false;
    for (size_t i = 0; i < n; i++)
        stopping |= has_line(seen[i].text, "STOPPING=1") &&
                    seen[i].sender == daemon;
    cr_expect(stopping, "no STOPPING=1 from daemon %d before it exited on "
              "SIGTERM; NOTIFY_SOCKET got %s", (int)daemon, describe(seen, n));
}
