/* dkcheck_run.c: dkcheck_run.h, the part of dkcheck's main that is the
 * same on every OS. */
#include "dkcheck_run.h"

#include "../lib/daemoniker.h"
#include "case_list.h"
#include "escape.h"
#include "report.h"
#include "run_info.h"
#include "steps.h"

#include <criterion/criterion.h>
#include <criterion/output.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The command line, once its reports are open: an error drops them. */
static dk_cli *the_cli;

void dk_main_die(const char *fmt, ...)
{
    dk_main_os_abandon(); /* an error after the run began removes it */
    if (the_cli != NULL) {
        char ignored[8];
        dk_cli_finish_outputs(the_cli, false, ignored, sizeof ignored);
    }
    va_list ap;
    va_start(ap, fmt);
    fputs("dkcheck: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

void dk_main_reports_open(dk_cli *cli)
{
    the_cli = cli;
}

bool dk_main_answered(const dk_cli *cli, const char *note)
{
    if (cli->help) {
        fputs(dk_cli_usage, stdout);
        return true;
    }
    if (cli->version) {
        printf("dkcheck %s%s\n", DK_VERSION_STRING, note);
        return true;
    }
    if (cli->list) {
        struct criterion_test_set *tests = criterion_initialize();
        dk_list_cases(tests, stdout);
        criterion_finalize(tests);
        return true;
    }
    if (cli->steps) {
        for (size_t i = 0; i < dk_n_steps; i++)
            printf("%s\t%s\t%s\n", dk_steps[i].id, dk_steps[i].applies,
                   dk_steps[i].words);
        return true;
    }
    return false;
}

/* The words of the contract (CONTRACT.md §2). */
static const char *const capability_words[] = {
    "pidfile", "ready", "chdir", "umask", "stdin", "stdout", "stderr",
    "shield", "on", "send", "readiness", "sentinel", "notify-socket",
    "notify-fd", "user", "group", "profile", "timeout", NULL,
};

/* Anything else than words of the contract, one a line, is an error: a
 * subject that says nonsense there cannot be judged. */
void dk_main_capabilities(char *out, size_t size, size_t total,
                          const char *shown)
{
    char quoted[300];
    if (total >= size || strlen(out) != total)
        dk_main_die("subject '%s' answered --capabilities with %zu bytes%s, "
                    "not words of the contract, one a line", shown, total,
                    strlen(out) != total ? " holding a NUL" : "");
    for (char *c = out; *c; c++)
        if (*c == '\n' || *c == '\r') /* a Windows subject ends lines CRLF */
            *c = ' ';
    char *copy = malloc(size), *save = NULL;
    if (copy == NULL)
        dk_main_die("out of memory");
    memcpy(copy, out, size);
    for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
        bool known = false;
        for (size_t i = 0; capability_words[i] && !known; i++)
            known = strcmp(w, capability_words[i]) == 0;
        if (!known)
            dk_main_die("subject '%s' answered --capabilities with \"%s\", not "
                        "a word of the contract (pidfile ready chdir umask "
                        "stdin stdout stderr shield on send readiness "
                        "sentinel)", shown,
                        dk_quote(w, strlen(w), 60, quoted, sizeof quoted));
    }
    free(copy);
}

int dk_main_run_cases(dk_cli *cli, const char *null, bool (*end)(void))
{
    char why[512];
    struct criterion_test_set *tests = criterion_initialize();
    dk_register_reports();
    dk_run_info_begin();
    int ok = 0;
    bool ran = false;
    if (criterion_handle_args(cli->argc, cli->argv, true)) {
        dk_report_console(cli->verbosity);
        if (cli->verdicts == NULL && !cli->output_on_stdout) {
            fflush(stdout);
            dk_report_verdicts_to(stdout);
            criterion_add_output("verdicts", null);
        }
        dk_cli_add_outputs(cli);
        ok = criterion_run_all_tests(tests);
        ran = true;
    }
    criterion_finalize(tests);
    bool left = end();
    /* Reports go into place only from a run that judged something. */
    bool judged = ran && dk_report_selected() > 0;
    the_cli = NULL;
    if (dk_cli_finish_outputs(cli, judged, why, sizeof why) < 0)
        dk_main_die("%s", why);
    if (!ran)
        dk_main_die("Criterion refused the options it was given");
    if (!judged)
        dk_main_die("--filter '%s' selects no case (dkcheck --list lists them)",
                    cli->filter ? cli->filter : "");
    if (left)
        dk_main_die("the run left files in its directory (above); remove them");
    return ok ? 0 : 1;
}
