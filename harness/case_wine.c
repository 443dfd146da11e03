/* case_wine.c: what a case asks of a Windows subject's processes (case.h),
 * through the observer's Windows backend (observe.h, observe_win_wine.c):
 * each answer, or the case BROKEN when the observer cannot give one. */
#include "case.h"

#include "pipes.h"
#include "run_config.h"
#include "wine_session.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *case_win_path(const char *path)
{
    char *out = sandbox_alloc(PATH_MAX);
    win_path_of(path, out, PATH_MAX);
    return out;
}

win_info case_win_info(pid_t pid, const char *var)
{
    win_info in;
    char why[512];
    if (win_read((win_pid)pid, var, &in, why, sizeof why) < 0)
        case_broken("%s", why);
    return in;
}

const win_proc *case_win_snapshot(size_t *n)
{
    enum { MAX = 2048 };
    win_proc *procs = sandbox_alloc(sizeof *procs * MAX);
    char why[512];
    long got = win_snapshot(procs, MAX, why, sizeof why);
    if (got < 0)
        case_broken("%s", why);
    *n = (size_t)got < MAX ? (size_t)got : MAX;
    return procs;
}

pid_t case_win_signal(pid_t pid, unsigned code, const launch *l)
{
    pid_t next = (pid_t)win_signal((win_pid)pid, code, l->pidfile_subject,
                                   CASE_DEADLINE, NULL);
    /* No new sentinel is evidence only with the daemon gone or the case
     * asleep (verdict.h). */
    if (next == 0 && l->daemon != 0)
        case_evidence(l->daemon, 0, CASE_DEADLINE, sandbox_printf(
                          "a new sentinel named in the PID file after "
                          "ending %d with %u", (int)pid, code));
    return next;
}

void case_win_terminate(pid_t pid, unsigned code)
{
    char why[512];
    if (win_terminate((win_pid)pid, code, why, sizeof why) < 0)
        case_broken("TerminateProcess(%d, %u): %s", (int)pid, code,
                       why);
}

pid_t case_win_stranger(void)
{
    /* dkprobe idle: a Windows process that is no daemon of anyone's; it
     * says its PID and sleeps until the teardown ends it. */
    int p[2];
    if (dk_pipe(p, O_CLOEXEC) < 0)
        case_broken("pipe: %s", strerror(errno));
    pid_t pid = fork();
    if (pid < 0)
        case_broken("fork: %s", strerror(errno));
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR | O_CLOEXEC);
        if (null < 0 || dup2(null, 0) < 0 || dup2(p[1], 1) < 0 ||
            dup2(null, 2) < 0)
            _exit(126);
        execlp("wine", "wine", dk_wine_probe(), "idle", (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    char line[64] = "";
    size_t len = 0;
    dk_deadline d = dk_deadline_in(CASE_DEADLINE);
    while (len + 1 < sizeof line && memchr(line, '\n', len) == NULL) {
        struct pollfd pf = {.fd = p[0], .events = POLLIN};
        if (poll(&pf, 1, dk_deadline_left_ms(d)) <= 0)
            break;
        ssize_t r = read(p[0], line + len, sizeof line - 1 - len);
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    close(p[0]);
    line[len] = '\0';
    unsigned long stranger;
    if (sscanf(line, "pid %lu", &stranger) != 1)
        case_broken("dkprobe idle said \"%s\", no PID", line);
    return (pid_t)stranger;
}

pid_t case_win_dead_pid(void)
{
    /* Wine numbers processes by fours, from low; a PID no process holds
     * (the probe says so) is a dead one for the case's few seconds. */
    for (win_pid pid = 0x7ff0; pid < 0x8000; pid += 4)
        if (!case_win_info((pid_t)pid, NULL).found)
            return (pid_t)pid;
    case_broken("no free Windows PID found for a stale PID file");
    return 0;
}

const char *case_win_temp_states(void)
{
    const char *temp = run_config()->win_temp;
    DIR *d = temp ? opendir(temp) : NULL;
    char *list = sandbox_alloc(1);
    list[0] = '\0';
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        if (strncmp(e->d_name, "dkstate-", 8) == 0)
            list = sandbox_printf("%s%s ", list, e->d_name);
    if (d)
        closedir(d);
    return list;
}

/* Every name of now is in before. */
static bool no_new_state(void *arg)
{
    const char *before = arg;
    char *now = (char *)case_win_temp_states();
    for (char *name = strtok(now, " "); name; name = strtok(NULL, " "))
        if (strstr(before, sandbox_printf("%s ", name)) == NULL)
            return false;
    return true;
}

const char *case_win_new_temp_states(const char *before)
{
    /* Another case's launch may hold a state file for an instant: only
     * one that stays is left behind. */
    if (dk_wait_until(no_new_state, (void *)before, dk_deadline_in(CASE_DEADLINE)))
        return NULL;
    if (case_idle() == NULL)
        case_inconclusive(CASE_DEADLINE, "the state files' removal (%s; "
                          "before: %s; not idle)", case_win_temp_states(),
                          before);
    return case_win_temp_states();
}
