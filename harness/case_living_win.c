/* case_living_win.c: case.h's processes of a case for the native
 * dkcheck.exe: those of its Job object (job_win.c), which holds every
 * process its launches started and nothing else (counted, awaited and
 * described by case_living.c, as on Unix). What case_living_unix.c reads
 * of a Unix process (its stat, status, descriptors, signals) has no
 * counterpart here; those calls end the case BROKEN, and no case that
 * makes them is compiled in. */
#include "case_private.h"

#include "host.h"
#include "native_win.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t case_living(pid_t *out, size_t max)
{
    return dk_case_job_pids(out, max);
}

/* No process of a job is an ancestor that a kept one needs: a Windows
 * daemon keeps no parent alive (PIDs name no living parent chain). */
size_t case_living_beside(const pid_t *keep, size_t n_keep, pid_t *out,
                          size_t max)
{
    (void)keep;
    (void)n_keep;
    return case_living(out, max);
}

void case_signal(pid_t pid, int signum)
{
    case_broken("no signals on Windows (kill(%d, %d)): a case for a Unix "
                "subject", (int)pid, signum);
}

bool case_fd_is(pid_t pid, int fd, const char *path, obs_fd *seen)
{
    (void)seen;
    case_broken("no descriptor of process %d to read natively (fd %d, %s)",
                (int)pid, fd, path);
}

obs_stat case_stat(pid_t pid)
{
    case_broken("no Unix state of process %d on Windows", (int)pid);
}

obs_status case_status(pid_t pid)
{
    case_broken("no Unix status of process %d on Windows", (int)pid);
}
