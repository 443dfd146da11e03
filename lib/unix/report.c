#include "steps.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* One line per word: "ok" or "err MESSAGE"; the launcher reads up to the
 * newline. MSG_NOSIGNAL: a launcher that is gone must not take the daemon
 * with it. */
static void say(int fd, const char *line)
{
    (void)!send(fd, line, strlen(line), MSG_NOSIGNAL);
}

void dk__report_ready(int fd)
{
    say(fd, "ok\n");
    close(fd);
}

void dk__report_failure(int fd, const dk_error *err)
{
    char line[DK_ERROR_MAX + 8];
    snprintf(line, sizeof line, "err %s\n", err->message);
    say(fd, line);
}
