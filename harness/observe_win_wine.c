/* observe_win_wine.c: observe.h's Windows processes, on Linux: through
 * dkprobe.exe under Wine.
 *
 * wine_session.c has found the probe and started a persistent wineserver
 * before any case runs, so each call pays a Wine process start only. */
#include "observe.h"

#include "pipes.h"
#include "wait.h"
#include "wine_session.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run "wine dkprobe.exe ARGS..." and collect its standard output in out.
 * 0 when it exited 0 within seconds; else -1 and a reason in why. */
static int run_probe(char *out, size_t size, double seconds, char *why,
                     size_t why_size, const char *const *args)
{
    const char *argv[16];
    size_t n = 0;
    argv[n++] = "wine";
    argv[n++] = dk_wine_probe();
    for (size_t i = 0; args[i] != NULL && n < 15; i++)
        argv[n++] = args[i];
    argv[n] = NULL;

    int p[2];
    if (dk_pipe(p, O_CLOEXEC) < 0) {
        snprintf(why, why_size, "pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        snprintf(why, why_size, "fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(p[1], 1);
        dup2(null, 2);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(p[1]);
    dk_deadline d = dk_deadline_in(seconds + 10);
    size_t len = 0;
    for (;;) {
        struct pollfd pf = {.fd = p[0], .events = POLLIN};
        if (poll(&pf, 1, dk_deadline_left_ms(d)) <= 0)
            break;
        ssize_t r = read(p[0], out + len, size - 1 - len);
        if (r <= 0 || (len += (size_t)r) == size - 1)
            break;
    }
    close(p[0]);
    out[len] = '\0';
    int status;
    if (dk_wait_child(pid, &status, d) < 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        snprintf(why, why_size, "dkprobe %s did not answer in time", args[0]);
        return -1;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(why, why_size, "dkprobe %s failed (status %d): %s", args[0],
                 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
                 out);
        return -1;
    }
    return 0;
}

long win_snapshot(win_proc *out, size_t max, char *why, size_t why_size)
{
    static char text[1 << 18];
    const char *args[] = {"ps", NULL};
    if (run_probe(text, sizeof text, 10, why, why_size, args) < 0)
        return -1;
    long n = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        win_proc p;
        int used = 0;
        if (sscanf(line, "%lu %lu %lu %n", &p.pid, &p.ppid, &p.threads, &used) < 3)
            continue;
        snprintf(p.exe, sizeof p.exe, "%s", line + used);
        if ((size_t)n < max)
            out[n] = p;
        n++;
    }
    return n;
}

static void parse_handle(const char *value, win_handle *h)
{
    const char *space = strchr(value, ' ');
    size_t n = space ? (size_t)(space - value) : strlen(value);
    snprintf(h->type, sizeof h->type, "%.*s", (int)n, value);
    snprintf(h->path, sizeof h->path, "%s",
             space && strcmp(space + 1, "-") != 0 ? space + 1 : "");
}

int win_read(win_pid pid, const char *var, win_info *out, char *why,
             size_t why_size)
{
    static char text[1 << 16];
    char number[32];
    snprintf(number, sizeof number, "%lu", pid);
    const char *args[] = {"info", number, var, NULL};
    if (run_probe(text, sizeof text, 10, why, why_size, args) < 0)
        return -1;
    memset(out, 0, sizeof *out);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *value = strchr(line, ' ');
        if (value == NULL)
            continue;
        *value++ = '\0';
        if (strcmp(line, "found") == 0) out->found = atoi(value);
        else if (strcmp(line, "alive") == 0) out->alive = atoi(value);
        else if (strcmp(line, "exit") == 0) out->exit_code = strtoul(value, NULL, 10);
        else if (strcmp(line, "ppid") == 0) out->ppid = strtoul(value, NULL, 10);
        else if (strcmp(line, "threads") == 0) out->threads = strtoul(value, NULL, 10);
        else if (strcmp(line, "image") == 0) snprintf(out->image, sizeof out->image, "%s", value);
        else if (strcmp(line, "cwd") == 0) {
            out->have_params = true;
            snprintf(out->cwd, sizeof out->cwd, "%s", value);
        } else if (strcmp(line, "cmdline") == 0) snprintf(out->cmdline, sizeof out->cmdline, "%s", value);
        else if (strcmp(line, "console") == 0) out->console = strtoull(value, NULL, 10);
        else if (strcmp(line, "console_flags") == 0) out->console_flags = strtoul(value, NULL, 10);
        else if (strcmp(line, "stdin") == 0) parse_handle(value, &out->std[0]);
        else if (strcmp(line, "stdout") == 0) parse_handle(value, &out->std[1]);
        else if (strcmp(line, "stderr") == 0) parse_handle(value, &out->std[2]);
        else if (strcmp(line, "var") == 0) {
            out->has_var = true;
            snprintf(out->var, sizeof out->var, "%s", value);
        }
    }
    return 0;
}

int win_read_env(win_pid pid, char *buf, size_t size, size_t *len, char *why,
                 size_t why_size)
{
    static char text[1 << 18];
    char number[32];
    snprintf(number, sizeof number, "%lu", pid);
    const char *args[] = {"env", pid != 0 ? number : NULL, NULL};
    if (run_probe(text, sizeof text, 10, why, why_size, args) < 0)
        return -1;
    if (strncmp(text, "unreadable", 10) == 0) {
        snprintf(why, why_size, "dkprobe cannot read process %lu's environment",
                 pid);
        return -1;
    }
    *len = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "env ", 4) != 0)
            continue;
        size_t n = strlen(line + 4) + 1;
        if (*len + n > size) {
            snprintf(why, why_size, "process %lu's environment is longer than "
                     "%zu bytes", pid, size);
            return -1;
        }
        memcpy(buf + *len, line + 4, n);
        *len += n;
    }
    return 0;
}

int win_terminate(win_pid pid, unsigned code, char *why, size_t why_size)
{
    char number[32], c[16], text[256];
    snprintf(number, sizeof number, "%lu", pid);
    snprintf(c, sizeof c, "%u", code);
    const char *args[] = {"kill", number, c, NULL};
    return run_probe(text, sizeof text, 10, why, why_size, args);
}

static char *milliseconds(double seconds, char *buf, size_t size)
{
    /* The probe's own deadline, scaled as ours are (wait.h); run_probe's
     * is 10 s longer. */
    snprintf(buf, size, "%ld", (long)(dk_deadline_seconds(seconds) * 1000));
    return buf;
}

int win_wait_exit(win_pid pid, double seconds, unsigned long *code)
{
    char number[32], ms[32], text[256], why[256];
    snprintf(number, sizeof number, "%lu", pid);
    const char *args[] = {"wait", number, milliseconds(seconds, ms, sizeof ms), NULL};
    if (run_probe(text, sizeof text, seconds, why, sizeof why, args) < 0)
        return -1;
    if (sscanf(text, "exit %lu", code) == 1)
        return 1;
    if (strncmp(text, "gone", 4) == 0)
        return 2;
    return strncmp(text, "timeout", 7) == 0 ? 0 : -1;
}

int win_end_then_wait(win_pid sentinel, unsigned end_code, win_pid pid,
                      double seconds, unsigned long *code)
{
    char s[32], c[16], number[32], ms[32], text[256], why[256];
    snprintf(s, sizeof s, "%lu", sentinel);
    snprintf(c, sizeof c, "%u", end_code);
    snprintf(number, sizeof number, "%lu", pid);
    const char *args[] = {"endwait", s, c, number,
                          milliseconds(seconds, ms, sizeof ms), NULL};
    if (run_probe(text, sizeof text, seconds, why, sizeof why, args) < 0)
        return -1;
    if (sscanf(text, "exit %lu", code) == 1)
        return 1;
    if (strncmp(text, "gone", 4) == 0)
        return 2;
    return strncmp(text, "timeout", 7) == 0 ? 0 : -1;
}

win_pid win_signal(win_pid pid, unsigned code, const char *pid_file,
                   double seconds, long *micros)
{
    char number[32], c[16], ms[32], text[256], why[256];
    snprintf(number, sizeof number, "%lu", pid);
    snprintf(c, sizeof c, "%u", code);
    const char *args[] = {"signal", number, c, pid_file,
                          milliseconds(seconds, ms, sizeof ms), NULL};
    if (run_probe(text, sizeof text, seconds, why, sizeof why, args) < 0)
        return 0;
    unsigned long next;
    long us;
    if (sscanf(text, "newpid %lu us %ld", &next, &us) != 2)
        return 0;
    if (micros != NULL)
        *micros = us;
    return next;
}

win_pid win_await_pidfile(const char *pid_file, win_pid old, double seconds)
{
    char number[32], ms[32], text[256], why[256];
    snprintf(number, sizeof number, "%lu", old);
    const char *args[] = {"await", pid_file, number,
                          milliseconds(seconds, ms, sizeof ms), NULL};
    if (run_probe(text, sizeof text, seconds, why, sizeof why, args) < 0)
        return 0;
    unsigned long next;
    return sscanf(text, "newpid %lu", &next) == 1 ? next : 0;
}

void win_path_of(const char *linux_path, char *out, size_t size)
{
    size_t n = (size_t)snprintf(out, size, "Z:%s", linux_path);
    for (size_t i = 0; i < n && i < size; i++)
        if (out[i] == '/')
            out[i] = '\\';
}
