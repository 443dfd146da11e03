/* D8 broken: the first child does not leave the daemon to init. Its second
 * fork makes a keeper, which forks the daemon and stays its parent until
 * the daemon ends; the first child itself exits as it should, so the
 * launcher hears the daemon's PID and exits as before. The daemon keeps
 * its session (D6) and does not lead it (D7); only its parent lingers.
 * wraps: setsid fork
 */
#include <errno.h>
#include <stdbool.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

pid_t __real_setsid(void);
pid_t __real_fork(void);

/* Set in the first child by its setsid(): its fork is the second one. */
static bool in_first_child;

pid_t __wrap_setsid(void)
{
    pid_t sid = __real_setsid();
    in_first_child = sid >= 0;
    return sid;
}

pid_t __wrap_fork(void)
{
    if (!in_first_child)
        return __real_fork();
    in_first_child = false;
    int p[2];
    if (pipe(p) < 0)
        return -1;
    pid_t keeper = __real_fork();
    if (keeper != 0) {
        /* The first child: the daemon's PID comes from the keeper. */
        close(p[1]);
        pid_t daemon = -1;
        if (keeper < 0 || read(p[0], &daemon, sizeof daemon) != sizeof daemon)
            daemon = -1;
        close(p[0]);
        return daemon;
    }
    close(p[0]);
    pid_t daemon = __real_fork();
    if (daemon == 0) {
        close(p[1]);
        return 0;
    }
    (void)!write(p[1], &daemon, sizeof daemon);
    /* The keeper holds nothing of the daemon's (its PID file's lock, the
     * launcher's socket, all low): it only waits. */
    for (int fd = 0; fd < 1024; fd++)
        close(fd);
    while (daemon > 0 && waitpid(daemon, NULL, 0) < 0 && errno == EINTR)
        ;
    _exit(0);
}
