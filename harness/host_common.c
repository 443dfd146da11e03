/* host_common.c: host_ops.h's operations for the ways of running subjects
 * whose subject runs as it is, with nothing to find first (host_unix.c,
 * host_win32.c). */
#include "host_ops.h"

const char *host_always_available(char *buf, size_t size)
{
    (void)buf;
    (void)size;
    return NULL;
}

size_t host_no_command(char **argv, size_t max)
{
    (void)argv;
    (void)max;
    return 0;
}

void host_subject_answers(const char *said)
{
    (void)said; /* every answer its launcher gives is the subject's */
}
