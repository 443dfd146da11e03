#include "cli.h"

#include "run_config.h"

#include <criterion/criterion.h>
#include <criterion/output.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char dk_cli_usage[] =
    "usage: dkcheck --subject 'CMD ARGS' [OPTIONS]\n"
    "       dkcheck --version | --list | --steps | --reap | --help\n"
    "\n"
    "Runs the daemoniker-c conformance cases against CMD, which must speak\n"
    "the subject contract (--pidfile, --ready, ... --capabilities).\n"
    "\n"
    "dkcheck's options:\n"
    "  --subject 'CMD ARGS'  the implementation to judge (or DKCHECK_SUBJECT)\n"
    "  --profile NAME        the checklist to judge by: daemoniker (the\n"
    "                        default: U, H, SU, W, SW, N and P steps) or\n"
    "                        daemon7 (systemd's daemon(7) list for SysV\n"
    "                        daemons: the D steps); the other's cases are\n"
    "                        not run (SKIPped if a --filter names them)\n"
    "  --verdicts=FILE       write the verdicts grouped by step to FILE\n"
    "                        (default: standard output; 'none' to turn off)\n"
    "  --sandbox-size SIZE   bound each case's sandbox, a tmpfs in the run's\n"
    "                        namespace, to SIZE bytes (k, M, G: default 64M,\n"
    "                        or DKCHECK_SANDBOX_SIZE; one inode per 4 KiB); a\n"
    "                        subject that fills it makes its case BROKEN\n"
    "  --reap                end what runs killed before their end left (their\n"
    "                        processes and run directories), then exit; every\n"
    "                        run does this first anyway\n"
    "  --steps               print the step table (ID, applies, words; one\n"
    "                        step a line, tab-separated), then exit\n"
    "  -l, --list            print every case, by step, then exit\n"
    "  --version             print dkcheck's version, then exit\n"
    "  -h, --help            this text\n"
    "\n"
    "Selecting and running (Criterion's):\n"
    "  --filter PATTERN      run only the cases STEP/NAME matching PATTERN\n"
    "                        (globs, with @(a|b), !(a) ...): --filter 'U6/*'\n"
    "  -j N, --jobs N        run N cases at a time\n"
    "  -f, --fail-fast       stop at the first failure\n"
    "  --timeout SECONDS     a bound for every case (each has its own already)\n"
    "  --always-succeed      exit 0 whatever the verdicts\n"
    "  --ignore-warnings     warnings do not make the exit status non-zero\n"
    "  --crash               crash on a failed assertion (for debugging)\n"
    "  --debug[=gdb|lldb|windbg|idle], --debug-transport=tcp:PORT\n"
    "                        run under a debugging server\n"
    "  --full-stats          record every assertion (slower)\n"
    "\n"
    "Reports (each written whole at the end, or not at all; '-', /dev/stdout\n"
    "or no FILE is standard output, which then carries no verdicts; a FILE\n"
    "that is a symlink or not a regular file is refused):\n"
    "  --json[=FILE]         JSON: run information, every case's verdict and\n"
    "                        messages (always valid JSON)\n"
    "  --xml[=FILE]          JUnit XML, with the run information as properties\n"
    "  --tap[=FILE]          TAP (Criterion's)\n"
    "  -O PROVIDER:FILE, --output=PROVIDER:FILE\n"
    "                        any of them by name: json, xml, tap, verdicts,\n"
    "                        tsv (step, case, verdict, reason; one a line)\n"
    "\n"
    "Criterion's console output (on standard error; off by default):\n"
    "  -v, --verbose[=LEVEL] on: each failed case's assertions ([FAIL], or\n"
    "                        [BROKEN] for a case that could not be judged)\n"
    "                        and a synthesis; LEVEL 1 adds every case's start\n"
    "                        and pass\n"
    "  -q, --quiet           off (the default)\n"
    "  -S, --short-filename  source file names without their directory\n"
    "  --color[=auto|always|never], --encoding=ENCODING, --ascii\n"
    "\n"
    "Verdicts: pass, FAIL (the subject did wrong), BROKEN (the case could\n"
    "not be judged: the machine's fault, dkcheck's, or an adapter's own\n"
    "error, told by its exit status 125), skip (a capability the subject\n"
    "lacks), n/a (a case for the other OS); the last line counts each.\n"
    "\n"
    "Exit status: 0 every selected case passed, was skipped or was n/a;\n"
    "1 a case failed, or was BROKEN; 2 dkcheck could not run (a bad option,\n"
    "an unwritable report, a filter selecting no case, a subject that cannot\n"
    "answer --capabilities).\n"
    "\n"
    "Environment: DKCHECK_TIMEOUT_MUL scales every deadline (default 1);\n"
    "DKCHECK_NO_NAMESPACE=1 runs without a PID namespace even where one is\n"
    "permitted.\n"
    "Directories go under TMPDIR/dkcheck-EUID (0700; one that is not ours is\n"
    "refused): see SECURITY.md.\n"
    "A Windows subject (a first word ending in .exe) runs under Wine, in\n"
    "WINEPREFIX, without a namespace; its cases observe through\n"
    "DKCHECK_WIN_PROBE (default: win/dkprobe.exe beside dkcheck).\n";

static const char *const providers[] = {"verdicts", "tsv", "json", "xml",
                                        "tap"};

static int fail(char *why, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int fail(char *why, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, size, fmt, ap);
    va_end(ap);
    return -1;
}

static int add_output(dk_cli *cli, const char *provider, const char *path,
                      char *why, size_t size)
{
    bool known = false;
    for (size_t i = 0; i < sizeof providers / sizeof *providers; i++)
        known = known || strcmp(provider, providers[i]) == 0;
    if (!known)
        return fail(why, size, "unknown report format '%s' (json, xml, tap, "
                    "verdicts, tsv)", provider);
    if (path == NULL || path[0] == '\0' || strcmp(path, "/dev/stdout") == 0)
        path = "-";
    if (cli->n_outputs == DK_CLI_MAX_OUTPUTS)
        return fail(why, size, "more than %d reports", DK_CLI_MAX_OUTPUTS);
    dk_output *o = &cli->outputs[cli->n_outputs++];
    o->provider = provider;
    o->path = path;
    o->open = false;
    if (strcmp(path, "-") == 0)
        cli->output_on_stdout = true;
    return 0;
}

/* -O PROVIDER:FILE (Criterion's form), or PROVIDER=FILE (what its usage
 * text says). */
static int add_output_spec(dk_cli *cli, char *spec, char *why, size_t size)
{
    char *sep = spec != NULL ? strpbrk(spec, ":=") : NULL;
    if (sep == NULL || sep == spec || sep[1] == '\0')
        return fail(why, size, "-O/--output wants PROVIDER:FILE, not '%s'",
                    spec != NULL ? spec : "");
    *sep = '\0';
    return add_output(cli, spec, sep + 1, why, size);
}

int dk_cli_size(const char *s, unsigned long long *bytes)
{
    if (s == NULL)
        return -1;
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 10);
    int shift = 0;
    if (end != s && *end != '\0' && end[1] == '\0')
        shift = *end == 'k' || *end == 'K' ? 10 : *end == 'm' || *end == 'M'
                ? 20 : *end == 'g' || *end == 'G' ? 30 : -1;
    else if (end == s || *end != '\0')
        shift = -1;
    if (shift < 0 || errno != 0 || s[0] == '-' || n > (64ULL << 30) >> shift)
        return -1;
    n <<= shift;
    if (n < (1ULL << 20))
        return -1;
    *bytes = n;
    return 0;
}

static bool is_count(const char *s)
{
    if (s == NULL)
        return false;
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    return *s != '\0' && *end == '\0' && errno == 0 && n >= 0 && n <= 4096;
}

static bool is_seconds(const char *s)
{
    if (s == NULL)
        return false;
    char *end;
    double d = strtod(s, &end);
    return *s != '\0' && *end == '\0' && d > 0 && d < 1e9;
}

static bool one_of(const char *s, const char *const *words)
{
    if (s == NULL)
        return false;
    for (; *words; words++)
        if (strcmp(s, *words) == 0)
            return true;
    return false;
}

/* Criterion's argv: argv[0], then the options it acts on. */
static void pass_on(dk_cli *cli, const char *fmt, const char *value)
{
    char *arg;
    if (asprintf(&arg, fmt, value ? value : "") < 0)
        abort();
    cli->argv[cli->argc++] = arg;
    cli->argv[cli->argc] = NULL;
}

enum {
    OPT_SUBJECT = 256, OPT_VERDICTS, OPT_REAP, OPT_STEPS, OPT_FILTER,
    OPT_PROFILE, OPT_SANDBOX_SIZE,
    OPT_JSON, OPT_XML, OPT_TAP, OPT_ALWAYS, OPT_IGNORE, OPT_CRASH, OPT_DEBUG,
    OPT_TRANSPORT, OPT_FULL, OPT_COLOR, OPT_ENCODING, OPT_ASCII, OPT_VERSION,
};

static const struct option options[] = {
    {"subject", required_argument, 0, OPT_SUBJECT},
    {"verdicts", required_argument, 0, OPT_VERDICTS},
    {"reap", no_argument, 0, OPT_REAP},
    {"steps", no_argument, 0, OPT_STEPS},
    {"list", no_argument, 0, 'l'},
    {"version", no_argument, 0, OPT_VERSION},
    {"help", no_argument, 0, 'h'},
    {"filter", required_argument, 0, OPT_FILTER},
    {"profile", required_argument, 0, OPT_PROFILE},
    {"sandbox-size", required_argument, 0, OPT_SANDBOX_SIZE},
    {"jobs", required_argument, 0, 'j'},
    {"fail-fast", no_argument, 0, 'f'},
    {"timeout", required_argument, 0, 't'},
    {"always-succeed", no_argument, 0, OPT_ALWAYS},
    {"ignore-warnings", no_argument, 0, OPT_IGNORE},
    {"crash", no_argument, 0, OPT_CRASH},
    {"debug", optional_argument, 0, OPT_DEBUG},
    {"debug-transport", required_argument, 0, OPT_TRANSPORT},
    {"full-stats", no_argument, 0, OPT_FULL},
    {"json", optional_argument, 0, OPT_JSON},
    {"xml", optional_argument, 0, OPT_XML},
    {"tap", optional_argument, 0, OPT_TAP},
    {"output", required_argument, 0, 'O'},
    {"quiet", no_argument, 0, 'q'},
    {"verbose", optional_argument, 0, 'v'},
    {"short-filename", no_argument, 0, 'S'},
    {"color", optional_argument, 0, OPT_COLOR},
    {"encoding", required_argument, 0, OPT_ENCODING},
    {"ascii", no_argument, 0, OPT_ASCII},
    {0, 0, 0, 0},
};

static const char *option_name(int c)
{
    for (const struct option *o = options; o->name; o++)
        if (o->val == c)
            return o->name;
    return "?";
}

int dk_cli_parse(int argc, char **argv, dk_cli *cli, char *why, size_t size)
{
    static const char *const colors[] = {"auto", "always", "never", NULL};
    static const char *const profiles[] = {"daemoniker", "daemon7", NULL};
    static const char *const debuggers[] = {"gdb", "lldb", "windbg", "idle",
                                            NULL};
    memset(cli, 0, sizeof *cli);
    cli->subject = run_config()->subject;
    cli->argv = calloc((size_t)argc + 2, sizeof *cli->argv);
    if (cli->argv == NULL)
        return fail(why, size, "out of memory");
    cli->argv[cli->argc++] = argv[0];
    cli->verbosity = -1;

    opterr = 0; /* our own messages, one line each */
    optind = 0; /* glibc: start afresh */
    int c;
    while ((c = getopt_long(argc, argv, ":hvlfj:SqO:t:", options, NULL)) != -1) {
        /* NULL only for an optional value left out; the checks below take
         * NULL as "not a valid value" all the same. */
        const char *a = optarg;
        switch (c) {
        case OPT_SUBJECT: cli->subject = a; break;
        case OPT_VERDICTS:
            cli->verdicts = a;
            if (a != NULL && strcmp(a, "none") != 0 && add_output(cli, "verdicts", a, why, size) < 0)
                return -1;
            break;
        case OPT_REAP: cli->reap = true; break;
        case OPT_STEPS: cli->steps = true; break;
        case 'l': cli->list = true; break;
        case OPT_VERSION: cli->version = true; break;
        case 'h': cli->help = true; break;
        case OPT_FILTER:
            cli->filter = a;
            pass_on(cli, "--filter=%s", a);
            break;
        case OPT_PROFILE:
            if (!one_of(a, profiles))
                return fail(why, size, "--profile wants daemoniker or daemon7, not '%s'", a);
            cli->profile = a;
            break;
        case OPT_SANDBOX_SIZE:
            if (dk_cli_size(a, &cli->sandbox_size) < 0)
                return fail(why, size, "--sandbox-size wants a size of 1M to "
                            "64G (bytes, or with k, M or G), not '%s'", a);
            break;
        case 'j':
            if (!is_count(a))
                return fail(why, size, "-j/--jobs wants a number of jobs, not '%s'", a);
            pass_on(cli, "--jobs=%s", a);
            break;
        case 'f': pass_on(cli, "--fail-fast", NULL); break;
        case 't':
            if (!is_seconds(a))
                return fail(why, size, "--timeout wants seconds, not '%s'", a);
            pass_on(cli, "--timeout=%s", a);
            break;
        case OPT_ALWAYS: pass_on(cli, "--always-succeed", NULL); break;
        case OPT_IGNORE: pass_on(cli, "--ignore-warnings", NULL); break;
        case OPT_CRASH: pass_on(cli, "--crash", NULL); break;
        case OPT_DEBUG:
            if (a != NULL && !one_of(a, debuggers))
                return fail(why, size, "--debug wants gdb, lldb, windbg or idle, not '%s'", a);
            pass_on(cli, a ? "--debug=%s" : "--debug", a);
            break;
        case OPT_TRANSPORT:
            if (a == NULL || strncmp(a, "tcp:", 4) != 0 || !is_count(a + 4))
                return fail(why, size, "--debug-transport wants tcp:PORT, not '%s'", a);
            pass_on(cli, "--debug-transport=%s", a);
            break;
        case OPT_FULL: pass_on(cli, "--full-stats", NULL); break;
        case OPT_JSON:
        case OPT_XML:
        case OPT_TAP:
            if (add_output(cli, option_name(c), a, why, size) < 0)
                return -1;
            break;
        case 'O':
            if (add_output_spec(cli, optarg, why, size) < 0)
                return -1;
            break;
        /* Criterion's output is set after its own parsing (dkcheck_main.c):
         * the last of -q and -v wins. */
        case 'q': cli->verbosity = -1; break;
        case 'v':
            if (a != NULL && !is_count(a))
                return fail(why, size, "--verbose wants a level, not '%s'", a);
            cli->verbosity = a ? atoi(a) : 0;
            break;
        case 'S': pass_on(cli, "--short-filename", NULL); break;
        case OPT_COLOR:
            if (a != NULL && !one_of(a, colors))
                return fail(why, size, "--color wants auto, always or never, not '%s'", a);
            pass_on(cli, a ? "--color=%s" : "--color", a);
            break;
        case OPT_ENCODING: pass_on(cli, "--encoding=%s", a); break;
        case OPT_ASCII: pass_on(cli, "--ascii", NULL); break;
        case ':':
            if (optopt != 0 && optopt < 256)
                return fail(why, size, "option '-%c' needs a value", optopt);
            return fail(why, size, "option '%s' needs a value", argv[optind - 1]);
        default:
            if (optopt != 0)
                return fail(why, size, "unknown option '-%c' (dkcheck --help "
                            "lists every option)", optopt);
            return fail(why, size, "unknown option '%s' (dkcheck --help lists "
                        "every option)", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return fail(why, size, "unexpected argument '%s' (the subject goes "
                    "after --subject, quoted)", argv[optind]);
    /* A profile selects its own cases: without a --filter, only they run
     * (case.c SKIPs the other profile's cases a --filter names). */
    if (cli->profile == NULL)
        cli->profile = "daemoniker";
    if (cli->filter == NULL)
        pass_on(cli, "--filter=%s", strcmp(cli->profile, "daemon7") == 0
                                        ? "D+([0-9])/*" : "!(D+([0-9]))/*");
    optind = 0; /* Criterion parses its argv with getopt afresh */
    /* Criterion's own variable for reports would bypass the checks above:
     * its reports become ours. */
    const char *env = getenv("CRITERION_OUTPUTS");
    if (env != NULL) {
        char *save = NULL;
        cli->env_outputs = strdup(env);
        if (cli->env_outputs == NULL)
            return fail(why, size, "out of memory");
        for (char *s = strtok_r(cli->env_outputs, ",", &save); s;
             s = strtok_r(NULL, ",", &save))
            if (add_output_spec(cli, s, why, size) < 0)
                return -1;
        unsetenv("CRITERION_OUTPUTS");
    }
    return 0;
}

/* Can path be written? Its descriptor, opened now (report_file.h). */
static int prepare(dk_output *o, char *why, size_t size)
{
    if (strcmp(o->path, "-") == 0)
        return 0;
    if (dk_report_file_open(&o->file, o->provider, o->path, why, size) < 0)
        return -1;
    o->open = true;
    return 0;
}

int dk_cli_check_outputs(dk_cli *cli, char *why, size_t size)
{
    for (size_t i = 0; i < cli->n_outputs; i++)
        if (prepare(&cli->outputs[i], why, size) < 0)
            return -1;
    return 0;
}

void dk_cli_add_outputs(dk_cli *cli)
{
    for (size_t i = 0; i < cli->n_outputs; i++) {
        dk_output *o = &cli->outputs[i];
        criterion_add_output(o->provider, o->open ? o->file.via : o->path);
    }
}

int dk_cli_finish_outputs(dk_cli *cli, bool keep, char *why, size_t size)
{
    int result = 0;
    for (size_t i = 0; i < cli->n_outputs; i++) {
        dk_output *o = &cli->outputs[i];
        if (!o->open)
            continue;
        o->open = false;
        if (!keep) {
            dk_report_file_discard(&o->file);
            continue;
        }
        char one[512];
        if (dk_report_file_commit(&o->file, o->provider, o->path, one,
                                  sizeof one) < 0 && result == 0) {
            snprintf(why, size, "%s", one);
            result = -1;
        }
    }
    return result;
}
