/* The caller matrix's own mutant: the PID file and the readiness socket
 * take a closed 0, 1 or 2 (as subjects/mutants/H11_pidfile_on_closed_stdio
 * does for dkcheck's H11 cases).
 * wraps: dk__fd_above_stdio
 * cells: stdio
 */
int __wrap_dk__fd_above_stdio(int fd)
{
    return fd;
}
