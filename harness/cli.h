/* cli.h: dkcheck's command line. Every option is checked here, ours and
 * Criterion's alike, before anything runs: an option nobody knows, a bad
 * value or a report file that cannot be written is a one-line error and
 * exit 2, never a run that quietly did nothing.
 *
 * Criterion gets back only the options it acts on, in a canonical form;
 * the reports (--json, --xml, --tap, -O) are not among them: they are added
 * here (dk_cli_add_outputs), each written to a descriptor opened in its
 * file's directory before the run (report_file.h: nobody can redirect it)
 * and renamed into place only when the run is complete
 * (dk_cli_finish_outputs), so a run that fails leaves no partial report.
 * A report file that is a symlink or not a regular file is refused. */
#ifndef DKCHECK_CLI_H
#define DKCHECK_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "report_file.h"

#define DK_CLI_MAX_OUTPUTS 16

typedef struct dk_output {
    const char *provider;  /* verdicts, tsv, json, xml, tap */
    const char *path;      /* as given; "-" (or /dev/stdout) is standard output */
    dk_report_file file;   /* where Criterion writes it, unless "-" */
    bool open;             /* file is open */
} dk_output;

typedef struct dk_cli {
    const char *subject;   /* --subject, else DKCHECK_SUBJECT, else NULL */
    const char *verdicts;  /* --verdicts=FILE; NULL: standard output */
    const char *filter;    /* --filter, as given */
    const char *profile;   /* --profile: "daemoniker" (default) or "daemon7" */
    unsigned long long sandbox_size; /* --sandbox-size in bytes; 0: not given */
    bool help, version, list, steps, reap;
    int argc;              /* what Criterion gets: argv[0] and its options */
    char **argv;
    dk_output outputs[DK_CLI_MAX_OUTPUTS];
    size_t n_outputs;
    bool output_on_stdout; /* a report goes to "-": no verdicts there */
    char *env_outputs;     /* CRITERION_OUTPUTS's copy: outputs point into it */
} dk_cli;

/* Parse argv into cli. 0, or -1 with a one-line reason in why. */
int dk_cli_parse(int argc, char **argv, dk_cli *cli, char *why, size_t size);

/* A size: digits, then k, M or G (powers of 1024), from 1M to 64G. 0, or
 * -1 if s is none. */
int dk_cli_size(const char *s, unsigned long long *bytes);

/* The --help text. */
extern const char dk_cli_usage[];

/* Check that every report file can be written and open its descriptor,
 * creating nothing that stays. 0, or -1 with the reason. */
int dk_cli_check_outputs(dk_cli *cli, char *why, size_t size);
/* Hand the outputs to Criterion (after criterion_handle_args). */
void dk_cli_add_outputs(dk_cli *cli);

/* The run is over: move each report into place (keep true), or remove what
 * was written (keep false). 0, or -1 with the reason. */
int dk_cli_finish_outputs(dk_cli *cli, bool keep, char *why, size_t size);

#endif
