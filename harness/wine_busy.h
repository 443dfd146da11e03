/* wine_busy.h: whether a Wine server, or a process of the case, is at
 * work. Under Wine every process of a Windows subject waits on its server
 * for each system call, so processes that all sleep at one look may only
 * be waiting for their server's answers: a Windows program that starts
 * slowly sleeps between two calls to its server as often as it runs. A
 * case is stuck only if none of its threads runs for a while. */
#ifndef DKCHECK_WINE_BUSY_H
#define DKCHECK_WINE_BUSY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Throughout seconds (a deadline of wait.h, so scaled as they are),
 * looked at every few milliseconds: no thread of the n processes pids
 * (Linux PIDs) ran, none of them ended, and the wineserver of our prefix
 * (WINEPREFIX: the one they wait on) was not in an uninterruptible wait
 * at the start or the end. false at the first sign of work, and where it
 * cannot be told (n above 64; a kernel without schedstats). */
bool dk_wine_quiet(const pid_t *pids, size_t n, double seconds);

#endif
