/* U4 broken: the working directory is never changed.
 * wraps: chdir
 */
int __wrap_chdir(const char *path)
{
    (void)path;
    return 0;
}
