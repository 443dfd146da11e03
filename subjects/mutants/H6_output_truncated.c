/* H6 broken: output targets are truncated, not appended to.
 * wraps: dk__open_output
 */
#include <fcntl.h>
#include <stdbool.h>

int __wrap_dk__open_output(const char *path, bool *created)
{
    *created = false;
    return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}
