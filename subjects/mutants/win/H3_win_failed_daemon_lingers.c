/* H3 broken (Windows): a daemon that fails before it is ready says so to
 * the launcher, and then stays, instead of exiting.
 * wraps: dk__win_ack_failure
 */
#include "../../../lib/win/steps.h"

void __real_dk__win_ack_failure(const char *pipe_name, const dk_error *err);

void __wrap_dk__win_ack_failure(const char *pipe_name, const dk_error *err)
{
    __real_dk__win_ack_failure(pipe_name, err);
    Sleep(INFINITE);
}
