/* SW4 broken: send ends the sentinel with exit code 1, as most
 * TerminateProcess examples do, not with the signal's number: every
 * signal sent arrives as SIGINT (CTRL_BREAK_EVENT's code).
 * wraps: dk_send __imp_TerminateProcess
 */
#include "../../../lib/win/win.h"

dk_status __real_dk_send(const char *pid_file, int signum, dk_error *err);
extern __typeof__(TerminateProcess) *__real___imp_TerminateProcess;

static bool sending;

static BOOL WINAPI terminate(HANDLE process, UINT code)
{
    return __real___imp_TerminateProcess(process, sending ? 1 : code);
}
__typeof__(TerminateProcess) *__wrap___imp_TerminateProcess = terminate;

dk_status __wrap_dk_send(const char *pid_file, int signum, dk_error *err)
{
    sending = true;
    dk_status st = __real_dk_send(pid_file, signum, err);
    sending = false;
    return st;
}
