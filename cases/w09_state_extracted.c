/* W9: Extract the saved state: read back, and the file removed (its
 * content overwritten first, which no outside observer can see once it
 * is gone). The daemon's switch (W5) names the file: a variable of its
 * environment that its launcher was not given, whatever its name. */
#include "../harness/case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* A Windows absolute path: a drive letter, a colon, a backslash. */
static bool windows_path(const char *value)
{
    return ((value[0] | 0x20) >= 'a' && (value[0] | 0x20) <= 'z') &&
           value[1] == ':' && value[2] == '\\';
}

/* The switch names the state file: of the variables the daemon's
 * environment holds and the launcher was not given (W5), one whose value
 * is a path. If several are, the state file is one of them: it is left
 * only when every one of them is there. */
DK_WIN_CASE(W9, W9_state_file_removed)
{
    win_pid daemon = case_run(NULL, NULL);
    size_t n, paths = 0;
    const char *const *added = case_win_env_added(daemon, &n);
    const char *gone = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *value = strchr(added[i] + 1, '=') + 1;
        char path[PATH_MAX];
        if (!windows_path(value))
            continue;
        paths++;
        if (access(linux_path(value, path, sizeof path), F_OK) != 0)
            gone = added[i];
    }
    if (paths == 0)
        cr_skip_test("none of the variables daemon %lu's launcher added to "
                     "its environment (%s) is a path: no state file to look "
                     "for (W5 judges the switch)", daemon,
                     case_win_env_list(added));
    cr_expect(gone != NULL, "daemon %lu is ready but its state file is still "
              "there: each path among the variables its launcher added "
              "to its environment names a file (%s)", daemon,
              case_win_env_list(added));
}
