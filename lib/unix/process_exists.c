#include "steps.h"

#include <errno.h>
#include <signal.h>

bool dk__process_exists(long pid)
{
    return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}
