/* events.h: waiting for a launcher's ready file and exit at once. */
#ifndef DKBENCH_EVENTS_H
#define DKBENCH_EVENTS_H

#include "bench.h"

typedef struct bench_events {
    bool need_exit;              /* wait for the launcher's exit too */
    bool ready, exited;
    struct timespec ready_at, exit_at;
    int status;                  /* the launcher's, once exited */
} bench_events;

/* An inotify fd watching dir for new names, or -1. */
int bench_watch(const char *dir);

/* Wait until ready_name appears in the watched directory and (if
 * need_exit) the launcher exits, or the launcher fails, or deadline_s
 * passes (scaled by DKCHECK_TIMEOUT_MUL). 0 when done, -1 otherwise. */
int bench_wait_events(int inotify, const char *ready_name, pid_t launcher,
                      bench_events *ev, double deadline_s);

#endif
