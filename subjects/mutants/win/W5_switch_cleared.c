/* W5 broken: the daemon removes its switch from its environment once it
 * has read the state, so nothing the launcher set is left in it: no
 * observer can tell how the relaunch was switched (the pipe's name, set
 * beside the switch, goes too; the state holds it).
 * wraps: dk__win_state_load
 */
#include "../../../lib/win/steps.h"

dk_status __real_dk__win_state_load(const wchar_t *path, dk_win_record *rec,
                                    dk_error *err);

dk_status __wrap_dk__win_state_load(const wchar_t *path, dk_win_record *rec,
                                    dk_error *err)
{
    dk_status st = __real_dk__win_state_load(path, rec, err);
    if (st == DK_OK)
        dk__win_relaunch_unmark();
    return st;
}
