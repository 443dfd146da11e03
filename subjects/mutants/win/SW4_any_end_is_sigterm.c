/* SW4 broken: only the console codes are decoded (0 and 1, SIGINT); any
 * other end of the sentinel is read as "terminated", SIGTERM, whatever
 * number it carried, so SIGABRT or SIGINT sent by number run the TERM
 * handler.
 * wraps: dk__win_signal_of_exit_code
 */
#include "../../../lib/win/signals.h"

#include <signal.h>

int __wrap_dk__win_signal_of_exit_code(DWORD code)
{
    return code == CTRL_C_EVENT || code == CTRL_BREAK_EVENT ? SIGINT : SIGTERM;
}
