/* dkcheck: run every conformance case against one subject.
 *
 *   dkcheck --subject 'CMD ARGS' [OPTIONS]
 *
 * The command line is cli.c's; the reports are report*.c's. */
#include "../lib/daemoniker.h"
#include "cli.h"
#include "dkcheck_run.h"
#include "criterion_names.h"
#include "escape.h"
#include "isolate.h"
#include "load.h"
#include "pipes.h"
#include "run_root.h"
#include "run_config.h"
#include "run_guard.h"
#include "subject_words.h"
#include "teardown.h"
#include "wait.h"
#include "wine_session.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <wordexp.h>

void dk_main_os_abandon(void)
{
    dk_run_remove();
}

/* Is cmd (a path, or a name looked up in PATH) an executable file? */
static bool executable(const char *cmd)
{
    struct stat st;
    if (strchr(cmd, '/') != NULL)
        return stat(cmd, &st) == 0 && S_ISREG(st.st_mode) &&
               access(cmd, X_OK) == 0;
    const char *path = getenv("PATH");
    if (path == NULL)
        path = "/usr/bin:/bin";
    for (const char *p = path;; p++) {
        const char *end = p + strcspn(p, ":");
        char full[PATH_MAX];
        snprintf(full, sizeof full, "%.*s/%s", (int)(end - p), p, cmd);
        if (stat(full, &st) == 0 && S_ISREG(st.st_mode) &&
            access(full, X_OK) == 0)
            return true;
        if (*end == '\0')
            return false;
        p = end;
    }
}

/* What a pipe gave: the first size-1 bytes (NUL-terminated), and how many
 * in all. */
struct capture {
    int fd;
    char *text;
    size_t size, len, total;
};

/* Read both pipes until EOF on both or the deadline, keeping the start of
 * each and discarding the rest (a subject may print without end). */
static void drain(struct capture *c, size_t n, dk_deadline d)
{
    size_t open_ = n;
    while (open_ > 0) {
        struct pollfd pf[2];
        for (size_t i = 0; i < n; i++)
            pf[i] = (struct pollfd){.fd = c[i].fd, .events = POLLIN};
        if (poll(pf, (nfds_t)n, dk_deadline_left_ms(d)) <= 0)
            break;
        for (size_t i = 0; i < n; i++) {
            if (c[i].fd < 0 || pf[i].revents == 0)
                continue;
            char buf[4096];
            ssize_t r = read(c[i].fd, buf, sizeof buf);
            if (r <= 0) {
                close(c[i].fd);
                c[i].fd = -1; /* poll ignores a negative fd */
                open_--;
                continue;
            }
            size_t room = c[i].size - 1 - c[i].len;
            size_t keep = (size_t)r < room ? (size_t)r : room;
            memcpy(c[i].text + c[i].len, buf, keep);
            c[i].len += keep;
            c[i].total += (size_t)r;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (c[i].fd >= 0)
            close(c[i].fd);
        c[i].text[c[i].len] = '\0';
    }
}

/* Run SUBJECT --capabilities with a deadline; its words, space-separated
 * (dkcheck_run.c checks them). Its standard error is kept, to quote,
 * never passed through. */
#define CAPABILITIES_DEADLINE 30 /* seconds */

static char *query_capabilities(char **words, size_t n, const char *subject)
{
    char *argv[66];
    if (n > 64)
        dk_main_die("subject command has more than 64 words");
    memcpy(argv, words, n * sizeof *argv);
    argv[n] = "--capabilities";
    argv[n + 1] = NULL;

    int p[2], e[2];
    if (dk_pipe(p, O_CLOEXEC) < 0 || dk_pipe(e, O_CLOEXEC) < 0)
        dk_main_die("pipe: %s", strerror(errno));
    pid_t pid = fork();
    if (pid < 0)
        dk_main_die("fork: %s", strerror(errno));
    if (pid == 0) {
        dup2(p[1], 1);
        dup2(e[1], 2);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(p[1]);
    close(e[1]);
    static char out[4096];
    char err_text[512], quoted[300];
    struct capture c[2] = {{p[0], out, sizeof out, 0, 0},
                           {e[0], err_text, sizeof err_text, 0, 0}};
    /* Generous: a Windows subject starts under Wine, which on a loaded
     * machine took over 10 s for this one call (a make check with three
     * Wine parts at once); a native subject answers in milliseconds. */
    dk_deadline d = dk_deadline_in(CAPABILITIES_DEADLINE);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    drain(c, 2, d);
    size_t total = c[0].total;
    int status;
    if (dk_wait_child(pid, &status, d) < 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        char load[64];
        dk_main_die("subject '%s' did not answer --capabilities within %.0fs (load "
            "%s)", subject, dk_deadline_seconds(CAPABILITIES_DEADLINE),
            dk_load_text(load, sizeof load));
    }
    /* The run's calibration launch: how long this subject takes to start
     * and answer here, now; every case's deadlines grow with it (wait.c). */
    clock_gettime(CLOCK_MONOTONIC, &t1);
    char ms[32];
    snprintf(ms, sizeof ms, "%.0f", (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
                                        (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
    run_config_set("DKCHECK_CALIBRATION_MS", ms);
    err_text[strcspn(err_text, "\n")] = '\0';
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        dk_main_die("subject '%s' failed on --capabilities (status %d): \"%s\"", subject,
            WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status),
            dk_quote(err_text, strlen(err_text), 200, quoted, sizeof quoted));
    dk_main_capabilities(out, sizeof out, total, subject);
    return out;
}

/* Each case's sandbox, and the run's own /dev/shm and run directory in a
 * namespace, are tmpfs bounded in size (sandbox.h): a
 * subject writing without end cannot take the machine's memory. */
#define SANDBOX_SIZE_DEFAULT (64ULL << 20)
#define RUN_TMPFS_MIN (256ULL << 20)

static void set_sizes(const dk_cli *cli)
{
    unsigned long long size = SANDBOX_SIZE_DEFAULT;
    const char *env = run_config()->sandbox_size;
    if (cli->sandbox_size != 0)
        size = cli->sandbox_size;
    else if (env != NULL && dk_cli_size(env, &size) < 0)
        dk_main_die("DKCHECK_SANDBOX_SIZE wants a size of 1M to 64G (bytes, or with "
            "k, M or G), not '%.60s'", env);
    char text[32];
    snprintf(text, sizeof text, "%llu", size);
    run_config_set("DKCHECK_SANDBOX_SIZE", text);
    snprintf(text, sizeof text, "%llu", size > RUN_TMPFS_MIN ? size : RUN_TMPFS_MIN);
    run_config_set("DKCHECK_TMPFS_SIZE", text);
}

/* The run's end, once its cases ran: what is left of it ended, its
 * directory removed (run_root.h says what is left then). */
static bool the_run_is_windows;

static bool run_end(void)
{
    if (the_run_is_windows)
        dk_wine_end();
    dk_kill_descendants();
    dk_run_remove();
    return false;
}

int main(int argc, char **argv)
{
    static dk_cli cli; /* static: its argv lives as long as Criterion uses it */
    char why[512];
    if (dk_cli_parse(argc, argv, &cli, why, sizeof why) < 0)
        dk_main_die("%s", why);
    const char *subject = cli.subject;
    if (dk_main_answered(&cli, ""))
        return 0;
    const char *tmp = dk_tmp_dir();
    if (cli.reap) {
        ssize_t n = dk_reap_stale_runs(tmp, true, why, sizeof why);
        if (n < 0)
            dk_main_die("%s", why);
        printf("dkcheck: %zd stale run%s reaped\n", n, n == 1 ? "" : "s");
        return 0;
    }
    if (subject == NULL || subject[0] == '\0')
        dk_main_die("no subject: give --subject 'CMD ARGS' or set DKCHECK_SUBJECT");
    dk_main_reports_open(&cli); /* before: a refused report drops those opened */
    if (dk_cli_check_outputs(&cli, why, sizeof why) < 0)
        dk_main_die("%s", why);
    subject = dk_wine_unwrap(subject);
    wordexp_t words;
    /* The subject as our one-line errors show it: escaped, bounded. */
    static char shown[300];
    dk_quote(subject, strlen(subject), 200, shown, sizeof shown);
    if (wordexp(subject, &words, WRDE_NOCMD) != 0 || words.we_wordc == 0)
        dk_main_die("subject '%s': cannot split into words (quote it as a shell "
            "would, without | & ; < > ( ) { } unquoted)", shown);
    /* Its relative words resolved where we were started: --capabilities
     * and the launches run elsewhere. */
    static char absolute[8192];
    if (dk_subject_absolute(words.we_wordv, words.we_wordc, absolute,
                            sizeof absolute) < 0)
        dk_main_die("subject '%s': its command is too long", shown);
    subject = absolute;
    wordfree(&words);
    if (wordexp(subject, &words, WRDE_NOCMD) != 0 || words.we_wordc == 0)
        dk_main_die("subject '%s': cannot split into words", shown);
    /* A Windows subject runs under Wine: W and SW cases, Unix ones skip. */
    bool windows = dk_subject_is_windows(words.we_wordv[0]);
    if (windows ? access(words.we_wordv[0], R_OK) != 0
                : !executable(words.we_wordv[0]))
        dk_main_die("subject '%s': its first word is not an executable file", shown);
    /* The run directory first: every process of the run, Wine's too,
     * carries it, so that reaping a killed run finds them all. */
    if (dk_reap_stale_runs(tmp, true, why, sizeof why) < 0 ||
        dk_run_begin(tmp, why, sizeof why) < 0)
        dk_main_die("%s", why);
    const char *caps = "";
    if (windows) {
        run_config_set("DKCHECK_PLATFORM", "windows");
        if (dk_wine_begin(why, sizeof why) == 0) {
            char *wine_words[66] = {"wine"};
            size_t n = words.we_wordc < 64 ? words.we_wordc : 64;
            memcpy(wine_words + 1, words.we_wordv, n * sizeof *wine_words);
            caps = query_capabilities(wine_words, n + 1, shown);
        } else
            run_config_set("DKCHECK_WINE_MISSING", why); /* the cases skip, saying why */
    } else
        caps = query_capabilities(words.we_wordv, words.we_wordc, shown);
    wordfree(&words);

    run_config_set("DKCHECK_SUBJECT", subject);
    run_config_set("DKCHECK_CAPABILITIES", caps);
    run_config_set("DKCHECK_PROFILE", cli.profile);
    set_sizes(&cli);
    /* The kernel cleans up after the run where it may; otherwise a case
     * that crashes orphans its subject's processes to us, the subreaper,
     * and we end them below. Not under Wine: the wineserver, outside,
     * opens the subject's files for it and must see the same mounts and
     * PIDs. */
    bool isolated = !windows && dk_isolate_run(dk_run_dir()) == 0;
    dk_become_subreaper();
    /* Without a namespace, an interrupt still ends it all (run_guard.h). */
    if (!isolated && dk_guard_run() < 0)
        fprintf(stderr, "dkcheck: cannot fork the run's guard (%s); an "
                "interrupt may leave processes for --reap\n", strerror(errno));
    run_config_set("DKCHECK_ISOLATION", isolated ? "pid-namespace" : "subreaper");

    /* Criterion listens on /tmp/criterion_<our PID>.sock, BoxFort keeps
     * /dev/shm/bxf_arena_<our PID>: in a namespace, our PID is random and
     * /dev/shm the run's own (isolate_linux.c); outside one, a killed run
     * of ours with our PID may have left them (removed), or another user
     * may hold them (refused). */
    if (!isolated && dk_criterion_names_free(getpid(), why, sizeof why) < 0)
        dk_main_die("%s", why);
    dk_criterion_abort_is_refusal(getpid());
    the_run_is_windows = windows;
    return dk_main_run_cases(&cli, "/dev/null", run_end);
}
