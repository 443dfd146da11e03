/* H8 broken: a daemon that failed after the fork reports it, but does not
 * exit: the launcher fails, a daemon is left behind.
 * wraps: dk__report_failure
 */
#include "../../lib/unix/steps.h"

#include <unistd.h>

void __real_dk__report_failure(int fd, const dk_error *err);

void __wrap_dk__report_failure(int fd, const dk_error *err)
{
    __real_dk__report_failure(fd, err);
    close(fd);
    for (;;)
        pause();
}
