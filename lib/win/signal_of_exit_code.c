#include "signals.h"

#include <signal.h>

int dk__win_signal_of_exit_code(DWORD code)
{
    if (code == CTRL_C_EVENT || code == CTRL_BREAK_EVENT)
        return SIGINT;
    return code > INT_MAX ? -1 : (int)code;
}
