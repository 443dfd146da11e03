/* SW4 broken: exit codes are taken as signal numbers as they are, so
 * CTRL_C_EVENT (0) and CTRL_BREAK_EVENT (1) are not SIGINT.
 * wraps: dk__win_signal_of_exit_code
 */
#include "../../../lib/win/signals.h"

int __wrap_dk__win_signal_of_exit_code(DWORD code)
{
    return (int)code;
}
