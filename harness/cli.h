/* cli.h: dkcheck's command line. Every option is checked here, ours and
 * Criterion's alike, before anything runs: an option nobody knows, a bad
 * value or a report file that cannot be written is a one-line error and
 * exit 2, never a run that quietly did nothing.
 *
 * Criterion gets back only the options it acts on, in a canonical form;
 * the reports (--json, --xml, --tap, -O) are not among them: they are added
 * here (dk_cli_add_outputs), each written to a temporary name beside its
 * file and renamed into place only when the run is complete
 * (dk_cli_finish_outputs), so a run that fails leaves no partial report. */
#ifndef DKCHECK_CLI_H
#define DKCHECK_CLI_H

#include <stdbool.h>
#include <stddef.h>

#define DK_CLI_MAX_OUTPUTS 16

typedef struct dk_output {
    const char *provider;  /* verdicts, tsv, json, xml, tap */
    const char *path;      /* as given; "-" is standard output */
    char tmp[4096];        /* where Criterion writes it; "" when direct */
} dk_output;

typedef struct dk_cli {
    const char *subject;   /* --subject, else DKCHECK_SUBJECT, else NULL */
    const char *verdicts;  /* --verdicts=FILE; NULL: standard output */
    const char *filter;    /* --filter, as given */
    const char *profile;   /* --profile: "daemoniker" (default) or "daemon7" */
    bool help, version, list, steps, reap;
    /* Criterion's console output, off unless asked for: -1 none (the
     * default, or -q), 0 its default (-v, --verbose), N its --verbose=N. */
    int verbosity;
    int argc;              /* what Criterion gets: argv[0] and its options */
    char **argv;
    dk_output outputs[DK_CLI_MAX_OUTPUTS];
    size_t n_outputs;
    bool output_on_stdout; /* a report goes to "-": no verdicts there */
    char *env_outputs;     /* CRITERION_OUTPUTS's copy: outputs point into it */
} dk_cli;

/* Parse argv into cli. 0, or -1 with a one-line reason in why. */
int dk_cli_parse(int argc, char **argv, dk_cli *cli, char *why, size_t size);

/* The --help text. */
extern const char dk_cli_usage[];

/* Check that every report file can be written, creating nothing that
 * stays. 0, or -1 with the reason. */
int dk_cli_check_outputs(dk_cli *cli, char *why, size_t size);
/* Hand the outputs to Criterion (after criterion_handle_args). */
void dk_cli_add_outputs(dk_cli *cli);

/* The run is over: move each report into place (keep true), or remove what
 * was written (keep false). 0, or -1 with the reason. */
int dk_cli_finish_outputs(dk_cli *cli, bool keep, char *why, size_t size);

#endif
