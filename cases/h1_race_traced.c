/* H1, forced: the races of H1_racing_launchers_one_daemon made to happen
 * every run instead of sampled. The launchers run under the tracer
 * (harness/trace.h), which holds each at a chosen system call until all
 * have reached theirs, then releases them in the order that breaks an
 * implementation whose exclusivity has a window:
 *
 *   - checks first: each launcher's first call on the PID file's directory
 *     returns before any launcher goes on. A look-then-create (stat or
 *     access, then open without O_EXCL) lets every launcher through;
 *     O_EXCL, link/rename of a temporary file, or a lock taken before
 *     deciding lets one.
 *   - writes before lock: each launcher is held at its first lock on the
 *     PID file; the one whose process wrote the file last is released last.
 *     Where the lock is taken only after writing, the lock then goes to a
 *     launcher whose PID the file does not hold.
 *
 * The verdict still comes from what is left (launchers' exits, living
 * daemons, the PID file); the traced calls only name why. The PID file
 * lives in a directory of its own, so "a call on its directory" means the
 * implementation's PID-file business and nothing of the harness's. */
#include "../harness/case.h"
#include "../harness/trace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RACERS 2

typedef struct race {
    const char *interleaving;
    trace_session *trace;
    const char *pidfile;
    launch *racers[RACERS];
} race;

static void start_race(race *r, trace_plan plan, const char *interleaving)
{
    const char *run = sandbox_path("run");
    if (mkdir(run, 0755) < 0)
        case_broken("mkdir %s: %s", run, strerror(errno));
    const char *marker = sandbox_path("x");
    const char *sandbox = sandbox_printf("%.*s", (int)(strlen(marker) - 2),
                                         marker);
    r->interleaving = interleaving;
    r->pidfile = sandbox_printf("%s/daemon.pid", run);
    const char *ready[RACERS];
    for (size_t i = 0; i < RACERS; i++)
        ready[i] = case_next_ready(i);
    char why[256];
    r->trace = trace_begin(plan, RACERS, sandbox, run, r->pidfile, ready, why,
                           sizeof why);
    if (r->trace == NULL)
        cr_skip_test("%s: the subject's system calls cannot be traced "
                     "here: %s",
                     interleaving, why);
    launch_spec spec = {.pidfile = r->pidfile};
    case_start_all_traced(&spec, RACERS, r->racers, r->trace);
}

static bool creates_pidfile(const race *r, const trace_call *c)
{
    if (!c->done || c->ret < 0)
        return false;
    if (strcmp(c->name, "openat") == 0 || strcmp(c->name, "open") == 0) {
        long flags = c->arg[strcmp(c->name, "openat") == 0 ? 2 : 1];
        return (flags & O_CREAT) && strcmp(c->path, r->pidfile) == 0;
    }
    return (strcmp(c->name, "creat") == 0 &&
            strcmp(c->path, r->pidfile) == 0) ||
           (strstr(c->name, "link") == c->name ||
            strstr(c->name, "rename") == c->name)
               ? strcmp(c->path2, r->pidfile) == 0
               : false;
}

static bool is_existence_check(const trace_call *c)
{
    static const char *const checks[] = {"newfstatat", "stat", "lstat",
                                         "statx", "access", "faccessat",
                                         "faccessat2"};
    bool check = false;
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++)
        check = check || strcmp(c->name, checks[i]) == 0;
    bool open = strcmp(c->name, "openat") == 0 || strcmp(c->name, "open") == 0;
    long flags = c->arg[strcmp(c->name, "openat") == 0 ? 2 : 1];
    return check || (open && !(flags & O_CREAT));
}

/* A call as "openat(..., O_WRONLY|O_CREAT|O_TRUNC, 0644)": the PID file's
 * path written "...", the result left out unless asked for. */
static const char *shape(const race *r, const trace_call *c, bool result)
{
    trace_call k = *c;
    if (strcmp(k.path, r->pidfile) == 0)
        snprintf(k.path, sizeof k.path, "...");
    if (strcmp(k.path2, r->pidfile) == 0)
        snprintf(k.path2, sizeof k.path2, "...");
    char buf[600];
    trace_describe(&k, buf, sizeof buf);
    char *text = sandbox_printf("%s", buf);
    /* Quoted "..." reads as a path; and drop " = N" unless wanted. */
    for (char *q; (q = strstr(text, "\"...\"")) != NULL;)
        memmove(q, q + 1, strlen(q + 1) + 1), memmove(q + 3, q + 4, strlen(q + 4) + 1);
    char *eq = strrchr(text, '=');
    if (!result && eq && eq > text + 1 && eq[-1] == ' ')
        eq[-1] = '\0';
    return text;
}

static bool opens_without_excl(const trace_call *c)
{
    bool open = strcmp(c->name, "openat") == 0 || strcmp(c->name, "open") == 0;
    long flags = c->arg[strcmp(c->name, "openat") == 0 ? 2 : 1];
    return open && !(flags & O_EXCL);
}

/* The calls picked by `want`, alike ones together: "SHAPE (pids A and
 * B); SHAPE2 (pid C)". */
static const char *grouped(const race *r, bool (*want)(const race *,
                                                       const trace_call *),
                           bool result, bool name_excl, size_t *count)
{
    const trace_call *calls;
    size_t n = trace_calls(r->trace, &calls), groups = 0;
    const char *shapes[16];
    char *pids[16];
    bool excl[16];
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        if (!want(r, &calls[i]))
            continue;
        (*count)++;
        const char *sh = shape(r, &calls[i], result);
        size_t g = 0;
        while (g < groups && strcmp(shapes[g], sh) != 0)
            g++;
        if (g == groups) {
            if (groups == 16)
                continue;
            shapes[g] = sh;
            pids[g] = NULL;
            excl[g] = name_excl && opens_without_excl(&calls[i]);
            groups++;
        }
        pids[g] = pids[g] ? sandbox_printf("%s and %d", pids[g],
                                           (int)calls[i].pid)
                          : sandbox_printf("%d", (int)calls[i].pid);
    }
    char *s = sandbox_printf("%s", "");
    for (size_t g = 0; g < groups; g++)
        s = sandbox_printf("%s%s%s%s (pid%s %s)", s, g ? "; " : "", shapes[g],
                           excl[g] ? " without O_EXCL" : "",
                           strstr(pids[g], " and ") ? "s" : "", pids[g]);
    return s;
}

static bool is_held(const race *r, const trace_call *c)
{
    (void)r;
    return c->held;
}

/* "2 launchers passed the existence check (newfstatat ENOENT, pids 812
 * and 813) before any created the PID file", or the held calls. */
static const char *held_calls(const race *r)
{
    const trace_call *calls;
    size_t n = trace_calls(r->trace, &calls), held = 0;
    bool all_missed = true;
    const char *name = "", *pids = "";
    for (size_t i = 0; i < n; i++) {
        if (!calls[i].held)
            continue;
        held++;
        all_missed = all_missed && is_existence_check(&calls[i]) &&
                     calls[i].done && calls[i].ret == -ENOENT &&
                     (!name[0] || strcmp(name, calls[i].name) == 0);
        name = calls[i].name;
        pids = sandbox_printf("%s%s%d", pids, held > 1 ? " and " : "",
                              (int)calls[i].pid);
    }
    if (held == 0)
        return "no launcher was held (none made a call on the PID file's "
               "directory)";
    if (all_missed && held >= 2)
        return sandbox_printf("%zu launchers passed the existence check (%s "
                              "ENOENT, pids %s) before any created the PID "
                              "file",
                              held, name, pids);
    size_t count;
    return sandbox_printf("the launchers were held at %s, each returning "
                          "before any went on",
                          grouped(r, is_held, true, false, &count));
}

static bool creates(const race *r, const trace_call *c)
{
    return creates_pidfile(r, c);
}

/* Each call that made the PID file, with what it lacked. */
static const char *creating_calls(const race *r)
{
    size_t count;
    const char *s = grouped(r, creates, false, true, &count);
    return count ? sandbox_printf("then %s", s)
                 : "no call that created the PID file was seen";
}

static bool locks(const race *r, const trace_call *c)
{
    return (strcmp(c->name, "flock") == 0 || strcmp(c->name, "fcntl") == 0) &&
           strcmp(c->path, r->pidfile) == 0;
}

/* Every lock call on the PID file, in order, alike ones together. */
static const char *lock_calls(const race *r)
{
    size_t count;
    const char *s = grouped(r, locks, true, false, &count);
    return count ? sandbox_printf("locks: %s", s)
                 : "no lock on the PID file was seen";
}

static const char *joined(const pid_t *pids, size_t n)
{
    char *s = sandbox_printf("%s", "");
    for (size_t i = 0; i < n; i++)
        s = sandbox_printf("%s%s%d", s, i == 0 ? "" : i + 1 == n ? " and " : ", ",
                           (int)pids[i]);
    return s;
}

static const char *race_so_far(void *arg)
{
    race *r = arg;
    return sandbox_printf("%s: %s; %s; then the ", r->interleaving,
                          held_calls(r), creating_calls(r));
}

/* One launcher exits 0, its daemon alone lives, the PID file names it. */
static void judge(race *r)
{
    launch *winners[RACERS];
    size_t n_win = 0;
    for (size_t i = 0; i < RACERS; i++)
        if (case_wait_launcher(r->racers[i]) == 0)
            winners[n_win++] = r->racers[i];
    cr_assert(n_win >= 1, "%s: expected one of %d racing launchers to "
              "succeed; all failed, first said \"%s\"; %s",
              r->interleaving, RACERS, case_launcher_error(r->racers[0]),
              trace_note(r->trace));
    /* A winner without a daemon fails in case_daemon: the calls seen by
     * then still say how the race went. */
    case_context_by(race_so_far, r);
    pid_t daemons[RACERS];
    for (size_t i = 0; i < n_win; i++)
        daemons[i] = case_daemon(winners[i]);
    case_context("");
    /* What outlives the losers' end is judged below, unless only time
     * says so; a supervisor the winner's launch left as its daemon's
     * parent is no second daemon (U3 judges that it stays). */
    case_only_left(daemons, n_win, CASE_DEADLINE, "the end of the losing "
                   "launchers' processes", NULL);
    pid_t living[64];
    size_t n_living = case_living_beside(daemons, n_win, living, 64);
    cr_assert(n_win == 1 && n_living <= 1,
              "%s: %s; %s; daemons %s %s live (%zu launchers exited "
              "0). [%s]",
              r->interleaving, held_calls(r), creating_calls(r),
              joined(living, n_living), n_living == 2 ? "both" : "all", n_win,
              trace_note(r->trace));
    cr_assert(n_living == 1 && living[0] == daemons[0],
              "%s: expected daemon %d alone after %d racing launchers; "
              "living: [%s]; %s",
              r->interleaving, (int)daemons[0], RACERS,
              joined(living, n_living), trace_note(r->trace));
    const char *text = sandbox_read(r->pidfile, NULL);
    cr_assert(text && atol(text) == daemons[0],
              "%s: daemon %d alone lives, but the PID file %s %s%.*s%s; "
              "%s; %s. [%s]",
              r->interleaving, (int)daemons[0], r->pidfile,
              text ? "holds \"" : "is gone", text ? (int)strcspn(text, "\n") : 0,
              text ? text : "", text ? "\"" : "", lock_calls(r),
              creating_calls(r), trace_note(r->trace));
    /* One daemon; but if a launcher never came to the hold, this
     * interleaving was not what happened, and a pass would claim it. */
    if (trace_timed_out(r->trace))
        cr_skip_test("%s: one daemon, but the interleaving was not "
                     "forced: %s",
                     r->interleaving, trace_note(r->trace));
}

DK_CASE_BOTH(H1, H1_traced_checks_before_creates, D12, D12_traced_checks_before_creates)
{
    race r;
    start_race(&r, TRACE_CHECKS_FIRST,
               "checks first");
    judge(&r);
}

DK_CASE(H1, H1_traced_writes_before_locks)
{
    race r;
    start_race(&r, TRACE_WRITES_BEFORE_LOCK,
               "writes before locks");
    judge(&r);
}
