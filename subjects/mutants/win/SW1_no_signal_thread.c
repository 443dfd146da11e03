/* SW1 broken: no thread is devoted to signals: start() arms a sentinel and
 * names it, but nobody waits for it to end.
 * wraps: dk__win_signal_thread_start
 */
#include "../../../lib/win/signals.h"

dk_status __wrap_dk__win_signal_thread_start(struct dk_signals *s, dk_error *err)
{
    HANDLE sentinel;
    DWORD pid;
    dk_status st = dk__win_sentinel_start(&sentinel, &pid, err);
    if (st == DK_OK)
        st = dk__win_sentinel_publish(s->pid_file, pid, err);
    return st;
}
