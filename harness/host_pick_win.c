/* host_pick_win.c: host.h's choice in the native dkcheck.exe, where the
 * only way to run a subject is Windows' own (host_win32.c); host.c makes
 * the choice on Unix. */
#include "host.h"

const dk_host *host(void)
{
    return &dk_host_win32;
}
