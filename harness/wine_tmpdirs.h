/* wine_tmpdirs.h: the Wine server directories a run caused, removed.
 *
 * Debian's Wine keeps a server's socket and lock in a directory it makes
 * with mkdtemp, wine-XXXXXX, in TMPDIR or /tmp, and never removes it: the
 * prefix's "wineserver" file names the last one only (and a prefix made on
 * first use, wineboot and all, can leave one it names nowhere). A run
 * notes which exist when it begins; at its end, the last one out removes
 * those made since that are this user's and hold nothing, or nothing but
 * the server directory of the run's prefix once its server is gone. */
#ifndef DKCHECK_WINE_TMPDIRS_H
#define DKCHECK_WINE_TMPDIRS_H

#include <stdbool.h>

/* Before the run's first Wine process. */
void dk_wine_tmpdirs_note(void);

/* After the run's last one; server_gone: the prefix's server was ended. */
void dk_wine_tmpdirs_sweep(const char *prefix, bool server_gone);

#endif
