/* W9: Extract the saved state: read back, and the file removed (its
 * content overwritten first, which no outside observer can see once it
 * is gone). The daemon's switch (W5) names the file. */
#include "../harness/case.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* "C:\x\y" -> DKCHECK_WIN_TEMP's prefix ... : the file named by a Windows
 * path in Wine's prefix, through its dosdevices links. */
static const char *linux_path(const char *windows, char *out, size_t size)
{
    const char *prefix = getenv("WINEPREFIX");
    char home[PATH_MAX];
    if (prefix == NULL) {
        snprintf(home, sizeof home, "%s/.wine", getenv("HOME") ? getenv("HOME") : "");
        prefix = home;
    }
    int n = snprintf(out, size, "%s/dosdevices/%c:", prefix, windows[0] | 0x20);
    for (const char *p = windows + 2; *p && (size_t)n + 1 < size; p++)
        out[n++] = *p == '\\' ? '/' : *p;
    out[n] = '\0';
    return out;
}

DK_WIN_CASE(W9, W9_state_file_removed)
{
    win_pid daemon = case_run(NULL, NULL);
    win_info in = case_win_info(daemon, "DAEMONIKER_RELAUNCHED");
    if (!in.has_var || in.var[0] == '\0' || in.var[1] != ':')
        cr_skip_test("daemon %lu's environment does not name its state file "
                     "(W5 says whether that is a failure)", daemon);
    char path[PATH_MAX];
    cr_expect(access(linux_path(in.var, path, sizeof path), F_OK) != 0,
              "daemon %lu is ready but its state file %s is still there",
              daemon, in.var);
}
