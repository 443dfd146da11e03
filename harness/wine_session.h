/* wine_session.h: running a Windows subject on Linux, under Wine.
 *
 * dkcheck recognises a Windows subject by its first word (a name ending in
 * .exe, or a file starting with "MZ"), and then starts every process of the
 * subject and the probe through `wine`. A persistent wineserver is kept
 * for the whole run (started here unless one is running already), and
 * Wine's own services are started once, before any case, so that no case
 * pays for them nor kills them in its teardown. */
#ifndef DKCHECK_WINE_SESSION_H
#define DKCHECK_WINE_SESSION_H

#include <stdbool.h>
#include <stddef.h>

bool dk_subject_is_windows(const char *program);

/* "wine X.exe ARGS" (or wine64) is the subject "X.exe ARGS": dkcheck puts
 * wine in front itself. Returns subject, or where its second word starts. */
const char *dk_wine_unwrap(const char *subject);

/* `wine` is in PATH. */
bool dk_wine_installed(void);

/* The probe: DKCHECK_WIN_PROBE, else win/dkprobe.exe beside dkcheck. */
const char *dk_wine_probe(void);

/* Set Wine's environment (WINEDEBUG=-all unless set), start a persistent
 * wineserver if none runs, warm Wine up, and export DKCHECK_WIN_TEMP (the
 * Linux path of Windows' temporary directory). 0, or -1 and why. */
int dk_wine_begin(char *why, size_t why_size);

/* The last run using the prefix removes what failed daemons left in the
 * temporary directory and ends the wineserver if a dkcheck run started it
 * (waiting until it is gone); the others leave both to it. */
void dk_wine_end(void);

/* What a killed run leaves to the last one out: when no run uses prefix
 * any more, end the wineserver a dkcheck run started there. */
void dk_wine_end_unused(const char *prefix);

#endif
