/* run_root.h: where dkcheck's directories live, and how a run is named.
 *
 * Every directory dkcheck makes is under a private root of its effective
 * user in the temporary directory, TMPDIR/dkcheck-EUID (mode 0700, owned
 * by EUID, on TMPDIR's device), checked through a descriptor opened
 * O_DIRECTORY|O_NOFOLLOW before any use; a root someone else made, or one
 * with another mode, is refused. A run's directory is ROOT/run.XXXXXX
 * (random), made through that descriptor. Its marker, ROOT/run.XXXXXX/owner,
 * a regular file of EUID, mode 0600, holds one line:
 *
 *     PID START TOKEN
 *
 * the dkcheck that owns the run, its start time (obs__start_time's unit)
 * and 32 random hex digits. Every process of the run carries
 * DKCHECK_RUNDIR=ROOT/run.XXXXXX and DKCHECK_RUN_TOKEN=TOKEN in its
 * environment: that pair, not a path a process happens to use, is what
 * the reaper (run_marker.c) kills by.
 *
 * The P1 cases need a directory an unprivileged user can reach, which the
 * private root is not: TMPDIR/dkcheck-EUID.pub (mode 0711, owned by EUID,
 * so nobody else can make or rename anything in it), holding one 0711
 * directory per run, named as the run, that the reaper removes with it. */
#ifndef DKCHECK_RUN_ROOT_H
#define DKCHECK_RUN_ROOT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define DK_RUN_PREFIX "run."
#define DK_RUN_TOKEN_LEN 32

/* The temporary directory: TMPDIR, else /tmp. */
const char *dk_tmp_dir(void);

/* Open tmp/dkcheck-EUID (suffix "") or tmp/dkcheck-EUID.pub (".pub"),
 * creating it when create is true, and check it: a directory, not a
 * symlink, owned by EUID, exactly mode, on tmp's device. The descriptor
 * (close-on-exec), or -1 with a one-line reason in why (errno ENOENT when
 * it is absent and create is false). */
int dk_root_open(const char *tmp, const char *suffix, mode_t mode, bool create,
                 char *why, size_t size);

/* Remove the root (suffix as for dk_root_open) if it is empty: a run
 * leaves nothing behind. A run beside us that made its directory in it
 * just then sees ENOENT and opens it again (dk_run_begin). */
void dk_root_release(const char *tmp, const char *suffix);

/* Check an open directory as dk_root_open does. 0, or -1 with why. */
int dk_dir_check(int fd, const char *shown, mode_t mode, char *why,
                 size_t size);

/* mkdtemp inside dirfd: a new directory PREFIXxxxxxx (random) of mode,
 * its name into name. 0, or -1 with errno. */
int dk_mkdtemp_at(int dirfd, const char *prefix, mode_t mode, char *name,
                  size_t size);

/* n random hex digits and a NUL into buf (n + 1 bytes). 0 or -1. */
int dk_random_hex(char *buf, size_t n);

#endif
