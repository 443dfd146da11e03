/* wine_busy.h: whether a Wine server is at work. Under Wine every process
 * of a Windows subject waits on its server for each system call, so a
 * case whose processes all sleep is stuck only if no server runs either
 * (verdict.c); one starved server makes them all look asleep. */
#ifndef DKCHECK_WINE_BUSY_H
#define DKCHECK_WINE_BUSY_H

#include <stdbool.h>

/* A wineserver process (any prefix's: a busy one slows the machine for
 * all) has a thread running or in an uninterruptible wait; true also
 * where that cannot be told. */
bool dk_wine_server_busy(void);

#endif
