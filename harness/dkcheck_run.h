/* dkcheck_run.h: what dkcheck's main does the same on every OS, once:
 * its one-line errors, the answers that need no subject (--help,
 * --version, --list, --steps), the check of a subject's --capabilities
 * answer, and the run of the cases with its reports. How a subject is
 * found, asked and isolated is the OS's: dkcheck_main.c (Unix, Wine),
 * dkcheck_main_win.c (the native dkcheck.exe). */
#ifndef DKCHECK_RUN_H
#define DKCHECK_RUN_H

#include "cli.h"

#include <stdbool.h>
#include <stddef.h>

/* Given by each OS's main: remove what the run made so far (its
 * directory), for an error that ends it. */
void dk_main_os_abandon(void);

/* "dkcheck: " and the message on stderr, the reports opened so far
 * dropped, the run abandoned; exit status 2. */
void dk_main_die(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));
/* cli's reports are open from now on (NULL: they are done with). */
void dk_main_reports_open(dk_cli *cli);

/* cli asked for an answer that needs no subject: given on stdout (the
 * version with note after it, "" for none); true then. */
bool dk_main_answered(const dk_cli *cli, const char *note);

/* A subject's --capabilities answer, out (total bytes read of it, the
 * start NUL-terminated in out, size bytes): its words, one a line, made
 * one line in out; anything else ends the run (shown: the subject as
 * errors show it). */
void dk_main_capabilities(char *out, size_t size, size_t total,
                          const char *shown);

/* Run the cases cli selects (Criterion's options), the verdicts on stdout
 * unless a report takes them (null: the null device's name), then end the
 * run with end (true: it left files behind, said on stderr); the exit
 * status, 0 or 1, or the run ended with a message where it judged nothing
 * or left files. */
int dk_main_run_cases(dk_cli *cli, const char *null, bool (*end)(void));

#endif
