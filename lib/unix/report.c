#include "steps.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* One line per word: "ok" or "err MESSAGE". A single write of at most
 * PIPE_BUF bytes is atomic, so the launcher never sees half a line. */
static void say(int fd, const char *line)
{
    (void)!write(fd, line, strlen(line));
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
