/* wine_reap.h: what a Windows subject's run leaves outside its run
 * directory, and ending it when the run was killed.
 *
 * Wine keeps one server per prefix, which concurrent runs on the same
 * prefix share; the run that started it ends it. Every Wine process of a
 * run (the server and Wine's services included, when the run started them)
 * carries the run's DKCHECK_RUNDIR, and the run directory names the prefix
 * (file "wine-prefix"), so that reaping a killed run ends its processes and,
 * once nothing uses the prefix any more, removes its server's directory.
 */
#ifndef DKCHECK_WINE_REAP_H
#define DKCHECK_WINE_REAP_H

#include <stdbool.h>
#include <sys/types.h>

/* Record the prefix in run_dir. 0 or -1 with errno. */
int dk_wine_mark_run(const char *run_dir, const char *prefix);

/* Is pid Wine's server, or one of the programs Wine runs for itself from
 * C:\windows\system32 (services.exe and the services it starts, a new
 * console's conhost.exe)? Whichever Windows process of a prefix starts
 * first when none runs starts them, a subject's launcher too: they are
 * Wine's, never the subject's. */
bool dk_wine_own_process(pid_t pid);

/* Is pid Wine's server or one of Wine's own services, serving a process
 * that is not of run_dir's run? Then reaping run_dir must spare it. */
bool dk_wine_serves_others(pid_t pid, const char *run_dir);

/* After a run's processes are gone: if its directory (the descriptor
 * runfd) names a prefix that no process uses any more, remove that
 * prefix's server directory. Reads the marker (a regular file of ours, not
 * a symlink), so call it before removing the run directory. */
void dk_wine_reap(int runfd);

/* Remove the directory of prefix's server (its socket and lock): Debian's
 * Wine names it in PREFIX/wineserver, a directory of $TMPDIR; upstream's is
 * /tmp/.wine-UID/server-DEV-INO. Nothing while a process uses prefix;
 * nothing but a directory of ours, and only by a plain name (a name read
 * from the prefix that is ".", ".." or holds a '/' is ignored). */
void dk_wine_remove_server_dir(const char *prefix);

#endif
