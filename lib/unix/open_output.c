#include "steps.h"

#include <fcntl.h>

int dk__open_output(const char *path)
{
    /* Append, never truncate: a daemon restarted on its old log keeps it. */
    return open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}
