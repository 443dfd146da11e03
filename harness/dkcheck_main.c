/* dkcheck: run every conformance case against one subject.
 *
 *   dkcheck --subject 'CMD ARGS' [Criterion options]
 *
 * Our own options are taken out of argv; everything else is Criterion's
 * (--filter, --json=FILE, --tap, --xml, -j, --list ...). */
#include "isolate.h"
#include "report.h"
#include "steps.h"
#include "teardown.h"
#include "wait.h"
#include "wine_session.h"

#include <criterion/criterion.h>
#include <criterion/output.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wordexp.h>

static const char usage[] =
    "usage: dkcheck --subject 'CMD ARGS' [CRITERION OPTIONS]\n"
    "\n"
    "Runs the daemoniker-c conformance cases against CMD, which must speak\n"
    "the subject contract (--pidfile, --ready, ... --capabilities).\n"
    "\n"
    "  --subject 'CMD ARGS'  the implementation to judge (or DKCHECK_SUBJECT)\n"
    "  --verdicts=FILE       write the verdicts grouped by step to FILE\n"
    "                        (default: standard output; 'none' to turn off)\n"
    "  --reap                end what runs killed before their end left (their\n"
    "                        processes and run directories), then exit; every\n"
    "                        run does this first anyway\n"
    "  --steps               print the step table (ID, applies, words; one\n"
    "                        step a line, tab-separated), then exit\n"
    "  -h, --help            this text, then Criterion's options\n"
    "\n"
    "Criterion's options select and report: --filter 'U6/*', -j2,\n"
    "--json=FILE, --tap=FILE, --xml=FILE, --output=tsv:FILE, --list.\n"
    "Environment: DKCHECK_TIMEOUT_MUL scales every deadline (default 1);\n"
    "DKCHECK_NO_NAMESPACE=1 runs without a PID namespace even where one is\n"
    "permitted.\n"
    "A Windows subject (a first word ending in .exe) runs under Wine, in\n"
    "WINEPREFIX, without a namespace; its cases observe through\n"
    "DKCHECK_WIN_PROBE (default: win/dkprobe.exe beside dkcheck).\n";

static void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("dkcheck: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
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
        const char *end = strchrnul(p, ':');
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

/* Run SUBJECT --capabilities with a deadline; its words, space-separated. */
static char *query_capabilities(char **words, size_t n)
{
    char *argv[66];
    if (n > 64)
        die("subject command has more than 64 words");
    memcpy(argv, words, n * sizeof *argv);
    argv[n] = "--capabilities";
    argv[n + 1] = NULL;

    int p[2];
    if (pipe(p) < 0)
        die("pipe: %s", strerror(errno));
    pid_t pid = fork();
    if (pid < 0)
        die("fork: %s", strerror(errno));
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(p[1]);
    static char out[4096];
    size_t len = 0;
    dk_deadline d = dk_deadline_in(10);
    for (;;) {
        struct pollfd pf = {.fd = p[0], .events = POLLIN};
        if (poll(&pf, 1, dk_deadline_left_ms(d)) <= 0)
            break;
        ssize_t r = read(p[0], out + len, sizeof out - 1 - len);
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    close(p[0]);
    out[len] = '\0';
    int status;
    if (dk_wait_child(pid, &status, d) < 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        die("subject '%s' did not answer --capabilities within 10s", words[0]);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        die("subject '%s' failed on --capabilities (status %d)", words[0],
            WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    for (char *c = out; *c; c++)
        if (*c == '\n' || *c == '\r') /* a Windows subject ends lines CRLF */
            *c = ' ';
    return out;
}

/* Take our options out of argv, leaving Criterion's. */
static void take_options(int *argc, char **argv, const char **subject,
                         const char **verdicts, bool *help, bool *reap,
                         bool *steps)
{
    int kept = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--subject") == 0) {
            if (i + 1 >= *argc)
                die("--subject needs a command");
            *subject = argv[++i];
        } else if (strncmp(a, "--subject=", 10) == 0)
            *subject = a + 10;
        else if (strncmp(a, "--verdicts=", 11) == 0)
            *verdicts = a + 11;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)
            *help = true;
        else if (strcmp(a, "--steps") == 0)
            *steps = true;
        else if (strcmp(a, "--reap") == 0)
            *reap = true;
        else
            argv[kept++] = argv[i];
    }
    argv[kept] = NULL;
    *argc = kept;
}

int main(int argc, char **argv)
{
    const char *subject = getenv("DKCHECK_SUBJECT");
    const char *verdicts = NULL; /* our standard output */
    bool help = false, reap = false, steps = false;
    take_options(&argc, argv, &subject, &verdicts, &help, &reap, &steps);
    if (help) {
        fputs(usage, stdout);
        return 0;
    }
    if (steps) {
        for (size_t i = 0; i < dk_n_steps; i++)
            printf("%s\t%s\t%s\n", dk_steps[i].id, dk_steps[i].applies,
                   dk_steps[i].words);
        return 0;
    }
    const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    if (reap) {
        size_t n = dk_reap_stale_runs(tmp, true);
        printf("dkcheck: %zu stale run%s reaped\n", n, n == 1 ? "" : "s");
        return 0;
    }
    if (subject == NULL || subject[0] == '\0')
        die("no subject: give --subject 'CMD ARGS' or set DKCHECK_SUBJECT");
    subject = dk_wine_unwrap(subject);
    wordexp_t words;
    if (wordexp(subject, &words, WRDE_NOCMD) != 0 || words.we_wordc == 0)
        die("subject '%s': cannot split into words", subject);
    /* A Windows subject runs under Wine: W and SW cases, Unix ones skip. */
    bool windows = dk_subject_is_windows(words.we_wordv[0]);
    if (windows ? access(words.we_wordv[0], R_OK) != 0
                : !executable(words.we_wordv[0]))
        die("subject '%s': %s is not an executable file", subject,
            words.we_wordv[0]);
    const char *caps = "";
    char why[256];
    if (windows) {
        setenv("DKCHECK_PLATFORM", "windows", 1);
        if (dk_wine_begin(why, sizeof why) == 0) {
            char *wine_words[66] = {"wine"};
            size_t n = words.we_wordc < 64 ? words.we_wordc : 64;
            memcpy(wine_words + 1, words.we_wordv, n * sizeof *wine_words);
            caps = query_capabilities(wine_words, n + 1);
        } else
            setenv("DKCHECK_WINE_MISSING", why, 1); /* the cases skip, saying why */
    } else
        caps = query_capabilities(words.we_wordv, words.we_wordc);
    wordfree(&words);

    dk_reap_stale_runs(tmp, true);
    char run[PATH_MAX];
    snprintf(run, sizeof run, "%s/dkcheck.XXXXXX", tmp);
    if (mkdtemp(run) == NULL)
        die("cannot create the run directory %s: %s", run, strerror(errno));
    if (dk_mark_run(run) < 0) {
        dk_remove_tree(run);
        die("cannot mark the run directory %s: %s", run, strerror(errno));
    }
    setenv("DKCHECK_SUBJECT", subject, 1);
    setenv("DKCHECK_CAPABILITIES", caps, 1);
    setenv("DKCHECK_RUNDIR", run, 1);
    /* The kernel cleans up after the run where it may; otherwise a case
     * that crashes orphans its subject's processes to us, the subreaper,
     * and we end them below. Not under Wine: the wineserver, outside,
     * opens the subject's files for it and must see the same mounts and
     * PIDs. */
    bool isolated = !windows && dk_isolate_run(run) == 0;
    dk_become_subreaper();
    setenv("DKCHECK_ISOLATION", isolated ? "pid-namespace" : "subreaper", 1);

    /* Criterion listens on /tmp/criterion_<our PID>.sock; one left by a run
     * that was killed and had our PID fails the bind ("Address already in
     * use") and aborts. Outside a PID namespace nobody alive owns it: it
     * names our PID. (Inside, every runner is PID 1: see isolate.h.) */
    char stale[64];
    snprintf(stale, sizeof stale, "/tmp/criterion_%llu.sock",
             (unsigned long long)getpid());
    if (!isolated)
        unlink(stale);
    struct criterion_test_set *tests = criterion_initialize();
    dk_register_reports();
    int ok = 0;
    if (criterion_handle_args(argc, argv, true)) {
        if (verdicts == NULL) {
            fflush(stdout);
            dk_report_verdicts_to(stdout);
            criterion_add_output("verdicts", "/dev/null");
        } else if (strcmp(verdicts, "none") != 0)
            criterion_add_output("verdicts", verdicts);
        ok = criterion_run_all_tests(tests);
    } else
        ok = 1;
    criterion_finalize(tests);

    if (windows)
        dk_wine_end();
    dk_kill_descendants();
    dk_remove_tree(run);
    return ok ? 0 : 1;
}
