/* spawn_os.h: what starting a subject's process needs from the OS, picked
 * by the build per OS (spawn_linux.c, spawn_generic.c), so that the case
 * code that starts launchers, --send and the probe is the same on every
 * Unix. */
#ifndef DKCHECK_SPAWN_OS_H
#define DKCHECK_SPAWN_OS_H

#include <stddef.h>

/* In a child between fork and exec: every fd from low up is marked
 * close-on-exec (Criterion's pipes and whatever the worker had open must
 * not leak into the subject). Async-signal-safe. */
void spawn_cloexec_from(int low);

/* A new pseudo-terminal: its master (close-on-exec, not our controlling
 * terminal), its slave's path in slave. -1 with errno on failure. */
int spawn_open_pty(char *slave, size_t size);

#endif
