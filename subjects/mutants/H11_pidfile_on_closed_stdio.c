/* H11 broken: the PID file and the readiness socket take whatever number
 * open() gives, a closed 0, 1 or 2 included; the daemon's redirection of
 * stdio then closes them (the PID file's lock and cleanup go with it).
 * wraps: dk__fd_above_stdio
 */
int __wrap_dk__fd_above_stdio(int fd)
{
    return fd;
}
