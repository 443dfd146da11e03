/* W2: Start the relaunch detached, with no console window (the Windows
 * counterpart of pythonw.exe): DETACHED_PROCESS and a process group of its
 * own. Both show in the daemon's process parameters, read from its PEB. */
#include "../harness/case.h"

#include <stdio.h>
#include <stdlib.h>

/* DETACHED_PROCESS leaves the console handle empty: 0 under Wine,
 * (HANDLE)-1 on Windows. A console of its own or the launcher's would be
 * any other value. */
DK_WIN_CASE(W2, W2_daemon_has_no_console)
{
    win_pid daemon = case_run(NULL, NULL);
    win_info in = case_win_info(daemon, NULL);
    cr_assert(in.have_params, "cannot read daemon %lu's parameters", daemon);
    cr_expect(in.console == 0 || in.console == ~0ULL,
              "daemon %lu has console handle %#llx; expected none "
              "(detached)", daemon, in.console);
}

/* CREATE_NEW_PROCESS_GROUP makes the new process ignore Ctrl+C, which its
 * parameters record as ConsoleFlags bit 0. */
DK_WIN_CASE(W2, W2_daemon_in_new_process_group)
{
    win_pid daemon = case_run(NULL, NULL);
    win_info in = case_win_info(daemon, NULL);
    cr_assert(in.have_params, "cannot read daemon %lu's parameters", daemon);
    cr_expect(in.console_flags & 1,
              "daemon %lu does not ignore Ctrl+C (console flags %#lx): not "
              "in a process group of its own", daemon, in.console_flags);
}
