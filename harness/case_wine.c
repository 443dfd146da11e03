/* case_wine.c: case.h's Windows calls that differ under Wine from the
 * native dkcheck.exe's (case_win32.c): a stranger is dkprobe.exe idle,
 * run through wine; the state files are listed in the prefix's temporary
 * directory from Linux. The rest is case_windows.c's. */
#include "case.h"

#include "pipes.h"
#include "run_config.h"
#include "wine_session.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

pid_t case_win_stranger(void)
{
    /* dkprobe idle: a Windows process that is no daemon of anyone's; it
     * says its PID and sleeps until the teardown ends it. */
    int p[2];
    if (dk_pipe(p, O_CLOEXEC) < 0)
        case_broken("pipe: %s", strerror(errno));
    pid_t pid = fork();
    if (pid < 0)
        case_broken("fork: %s", strerror(errno));
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR | O_CLOEXEC);
        if (null < 0 || dup2(null, 0) < 0 || dup2(p[1], 1) < 0 ||
            dup2(null, 2) < 0)
            _exit(126);
        execlp("wine", "wine", dk_wine_probe(), "idle", (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    char line[64] = "";
    size_t len = 0;
    dk_deadline d = dk_deadline_in(CASE_DEADLINE);
    while (len + 1 < sizeof line && memchr(line, '\n', len) == NULL) {
        struct pollfd pf = {.fd = p[0], .events = POLLIN};
        if (poll(&pf, 1, dk_deadline_left_ms(d)) <= 0)
            break;
        ssize_t r = read(p[0], line + len, sizeof line - 1 - len);
        if (r <= 0)
            break;
        len += (size_t)r;
    }
    close(p[0]);
    line[len] = '\0';
    unsigned long stranger;
    if (sscanf(line, "pid %lu", &stranger) != 1)
        case_broken("dkprobe idle said \"%s\", no PID", line);
    return (pid_t)stranger;
}

const char *case_win_temp_states(void)
{
    const char *temp = run_config()->win_temp;
    DIR *d = temp ? opendir(temp) : NULL;
    char *list = sandbox_alloc(1);
    list[0] = '\0';
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        if (strncmp(e->d_name, "dkstate-", 8) == 0)
            list = sandbox_printf("%s%s ", list, e->d_name);
    if (d)
        closedir(d);
    return list;
}

