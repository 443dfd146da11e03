/* SW5 broken: only the first sentinel is ever started; after one signal
 * the daemon cannot be signalled again.
 * wraps: dk__win_sentinel_start
 */
#include "../../../lib/win/signals.h"

dk_status __real_dk__win_sentinel_start(HANDLE *process, DWORD *pid,
                                        dk_error *err);

dk_status __wrap_dk__win_sentinel_start(HANDLE *process, DWORD *pid,
                                        dk_error *err)
{
    static int started;
    if (started++ > 0)
        return dk__fail(err, DK_ESYS, "SW5", 0, "mutant: no second sentinel");
    return __real_dk__win_sentinel_start(process, pid, err);
}
