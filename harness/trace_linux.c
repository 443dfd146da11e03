/* trace_linux.c: trace.h with ptrace, stopping only on the calls of interest.
 *
 * The tracer is a process of its own, forked by the case before its
 * launchers: the case's worker reaps children with waitpid(-1), which would
 * take the tracer's ptrace stops if both lived in one process. Each launcher
 * is attached (PTRACE_SEIZE) while it waits on case_launch.c's barrier, and just
 * before exec installs a seccomp filter that returns SECCOMP_RET_TRACE for
 * the calls of interest and lets every other call run untouched: a traced
 * process stops only on those (plus forks, execs and signals), where
 * PTRACE_SYSCALL would stop on every call twice (see the report's figures).
 * Children and threads are attached by the kernel (TRACEFORK, TRACEVFORK,
 * TRACECLONE), so interpreters and threaded runtimes are followed. For a
 * call touching the sandbox the tracer also waits for its return
 * (PTRACE_SYSCALL from the seccomp stop gives the exit stop), so the
 * record holds the result.
 *
 * What the tracer records goes to memory shared with the case (no file in
 * the sandbox, so the case's listings are unchanged).
 *
 * This file is the case's side of it; the tracer's parts are the other
 * trace_*_linux.c files, which share trace_linux.h.
 */
#include "trace_linux.h"

#include "run_config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

static trace_session *current;

/* Ours, with LeakSanitizer's exit check off. A sanitized subject would run
 * it at exit: it ptraces its own threads, which a traced process cannot
 * allow, and it hangs. Leaks stay checked by the untraced cases. */
static char **traced_environment(void)
{
    static const char *const vars[] = {"ASAN_OPTIONS", "LSAN_OPTIONS"};
    size_t n = 0;
    while (environ[n] != NULL)
        n++;
    char **envp = calloc(n + 3, sizeof *envp);
    if (envp == NULL)
        return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        bool ours = false;
        for (size_t v = 0; v < 2; v++)
            ours = ours || (strncmp(environ[i], vars[v], strlen(vars[v])) == 0 &&
                            environ[i][strlen(vars[v])] == '=');
        if (!ours)
            envp[k++] = environ[i];
    }
    for (size_t v = 0; v < 2; v++) {
        const char *old = getenv(vars[v]);
        size_t len = strlen(vars[v]) + (old ? strlen(old) : 0) + 32;
        envp[k] = malloc(len);
        if (envp[k] == NULL)
            return envp; /* NULL-terminated already */
        snprintf(envp[k], len, "%s=%s%sdetect_leaks=0", vars[v],
                 old ? old : "", old && *old ? ":" : "");
        k++;
    }
    return envp;
}

trace_session *trace_begin(trace_plan plan, size_t k, const char *sandbox,
                           const char *watch_dir, const char *pidfile,
                           const char *const ready[], char *why,
                           size_t why_size)
{
    if (k == 0 || k > TRACE_MAX_LAUNCHERS) {
        snprintf(why, why_size, "%zu launchers (1 to %d can be traced)", k,
                 TRACE_MAX_LAUNCHERS);
        return NULL;
    }
    trace_session *s = mmap(NULL, sizeof *s + sizeof(shared),
                            PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                            -1, 0);
    if (s == MAP_FAILED) {
        snprintf(why, why_size, "mmap: %s", strerror(errno));
        return NULL;
    }
    memset(s, 0, sizeof *s);
    s->sh = (shared *)(s + 1);
    s->plan = plan;
    s->k = k;
    snprintf(s->sandbox, sizeof s->sandbox, "%s", sandbox);
    snprintf(s->watch, sizeof s->watch, "%s", watch_dir);
    snprintf(s->pidfile, sizeof s->pidfile, "%s", pidfile);
    for (size_t i = 0; ready != NULL && i < k; i++)
        snprintf(s->ready[i], sizeof s->ready[i], "%s", ready[i]);
    tr_build_filter(s);
    s->every_call = run_config()->trace_every_call;
    if (pipe2(s->cmd, O_CLOEXEC) < 0 || pipe2(s->ack, O_CLOEXEC) < 0) {
        snprintf(why, why_size, "pipe: %s", strerror(errno));
        munmap(s, sizeof *s + sizeof(shared));
        return NULL;
    }
    s->envp = traced_environment();
    fflush(NULL);
    pid_t tracer = fork();
    if (tracer < 0) {
        snprintf(why, why_size, "fork: %s", strerror(errno));
        return NULL;
    }
    if (tracer == 0)
        tr_tracer_main(s);
    s->sh->tracer = tracer;
    current = s;
    int e = -1;
    struct pollfd p = {.fd = s->ack[0], .events = POLLIN};
    if (poll(&p, 1, dk_deadline_left_ms(dk_deadline_in(10))) == 1 &&
        read(s->ack[0], &e, sizeof e) == (ssize_t)sizeof e && e == 0)
        return s;
    snprintf(why, why_size, "%s", e > 0 && s->sh->note[0]
                                      ? s->sh->note
                                      : "the tracer did not start");
    trace_end();
    return NULL;
}

void trace_child_prepare(const trace_session *t)
{
    prctl(PR_SET_PTRACER, (unsigned long)t->sh->tracer, 0, 0, 0);
}

int trace_child_arm(const trace_session *t)
{
    if (t->envp != NULL)
        environ = t->envp; /* a pointer, no allocation: safe after fork */
    return t->every_call ? 0 : tr_install_filter(&t->prog);
}

int trace_attach(trace_session *t, pid_t launcher, size_t index)
{
    struct {
        pid_t pid;
        int index;
    } cmd = {launcher, (int)index};
    if (write(t->cmd[1], &cmd, sizeof cmd) != (ssize_t)sizeof cmd)
        return -1;
    int e = EPIPE;
    struct pollfd p = {.fd = t->ack[0], .events = POLLIN};
    if (poll(&p, 1, dk_deadline_left_ms(dk_deadline_in(10))) == 1 &&
        read(t->ack[0], &e, sizeof e) == (ssize_t)sizeof e && e == 0)
        return 0;
    errno = e > 0 ? e : ETIMEDOUT;
    return -1;
}

trace_session *trace_current(void)
{
    return current;
}

bool trace_is_tracer(pid_t pid)
{
    return current != NULL && pid == current->sh->tracer;
}

size_t trace_calls(const trace_session *t, const trace_call **calls)
{
    *calls = t->sh->calls;
    return __atomic_load_n(&t->sh->n, __ATOMIC_ACQUIRE);
}

bool trace_forced(const trace_session *t)
{
    return t->sh->forced;
}

bool trace_timed_out(const trace_session *t)
{
    return t->sh->timed_out;
}

const char *trace_note(const trace_session *t)
{
    return t->sh->note;
}

void trace_end(void)
{
    trace_session *s = current;
    if (s == NULL)
        return;
    current = NULL;
    pid_t tracer = s->sh->tracer;
    if (tracer > 0) {
        kill(tracer, SIGKILL);
        waitpid(tracer, NULL, 0);
    }
    int fds[] = {s->cmd[0], s->cmd[1], s->ack[0], s->ack[1]};
    for (size_t i = 0; i < 4; i++)
        if (fds[i] > 0)
            close(fds[i]);
    if (s->envp != NULL) {
        for (size_t i = 0; s->envp[i] != NULL; i++)
            if (strncmp(s->envp[i], "ASAN_OPTIONS=", 13) == 0 ||
                strncmp(s->envp[i], "LSAN_OPTIONS=", 13) == 0)
                free(s->envp[i]);
        free(s->envp);
    }
    munmap(s, sizeof *s + sizeof(shared));
}
