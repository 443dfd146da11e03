/* isolate_none.c: dk_isolate_run where the kernel has no PID namespace
 * (macOS, FreeBSD: a jail is no such thing for an unprivileged run). It
 * says so once and refuses; the run is then held together by its marker
 * (run_marker.c) and, where the OS has one, the subreaper (teardown_*.c). */
#include "isolate.h"

#include "run_config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

int dk_isolate_run(const char *run_dir)
{
    (void)run_dir;
    if (!run_config()->no_namespace)
        fprintf(stderr, "dkcheck: no PID namespace on this system; "
                        "isolating the run with run markers and --reap only\n");
    errno = ENOSYS;
    return -1;
}
