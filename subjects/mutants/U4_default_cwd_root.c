/* U4 broken: without --chdir the daemon goes to "/", as daemon(3) does,
 * not to the launcher's cwd (Daemoniker's default).
 * wraps: getcwd
 */
#include <stddef.h>

char *__wrap_getcwd(char *buf, size_t size)
{
    if (buf == NULL || size < 2)
        return NULL;
    buf[0] = '/';
    buf[1] = '\0';
    return buf;
}
