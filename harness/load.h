/* load.h: how busy the machine is, for deadlines that follow it and for
 * the messages of cases a deadline left inconclusive. One backend per OS:
 * load_linux.c (/proc/loadavg), load_bsd.c (getloadavg(3)), load_win.c
 * (none kept). */
#ifndef DKCHECK_LOAD_H
#define DKCHECK_LOAD_H

/* The load averages over 1 and 5 minutes; -1 with errno where unknown. */
int dk_load(double *one, double *five);

/* The larger of the two per processor, 1 where unknown (deadline.c):
 * load_per_cpu_unix.c, load_win.c. */
double dk_load_per_cpu(void);

/* "L1/L5" ("2.31/1.80"), or "unknown", into buf; returns buf. */
const char *dk_load_text(char *buf, unsigned long size);

#endif
