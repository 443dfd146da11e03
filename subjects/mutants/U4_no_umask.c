/* U4 broken: the umask is left as the launcher's.
 * wraps: umask
 */
#include <sys/stat.h>

mode_t __wrap_umask(mode_t mask)
{
    return mask;
}
