/* case_wine_env.c: what a Windows daemon's environment holds that its
 * launcher was not given (case.h): how the implementation switched it
 * (W5), whatever it named the variable.
 *
 * The launcher's environment, as Windows sees it, is Wine's making from
 * ours: a probe started from ours, as the launcher was, has the same. */
#include "case.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

enum { ENV_MAX = 1 << 18 };

/* The entries of pid's environment (0: the probe's own). */
static const char *read_env(win_pid pid, size_t *len)
{
    char *buf = sandbox_alloc(ENV_MAX);
    char why[512];
    if (win_read_env(pid, buf, ENV_MAX, len, why, sizeof why) < 0)
        case_broken("%s", why);
    return buf;
}

/* entry's value in the block, NULL if its name is not there. Windows
 * ignores a name's case (and Python upper-cases every one it passes on). */
static const char *value_in(const char *block, size_t len, const char *entry)
{
    size_t name = (size_t)(strchr(entry + 1, '=') - entry) + 1; /* "NAME=" */
    for (size_t at = 0; at < len; at += strlen(block + at) + 1)
        if (strncasecmp(block + at, entry, name) == 0)
            return block + at + name;
    return NULL;
}

const char *const *case_win_env_added(pid_t pid, size_t *n)
{
    size_t given_len, len;
    const char *given = read_env(0, &given_len);
    const char *env = read_env((win_pid)pid, &len);
    const char **added = sandbox_alloc(sizeof *added * (len / 2 + 1));
    *n = 0;
    for (size_t at = 0; at < len; at += strlen(env + at) + 1) {
        const char *entry = env + at;
        /* An entry that is no NAME=VALUE, or whose name starts with '='
         * (a drive's directory, "=C:=C:\..."), or with no value, switches
         * nothing. */
        const char *eq = strchr(entry + 1, '=');
        if (entry[0] == '=' || eq == NULL || eq[1] == '\0')
            continue;
        const char *was = value_in(given, given_len, entry);
        if (was == NULL || strcmp(was, eq + 1) != 0)
            added[(*n)++] = entry;
    }
    added[*n] = NULL;
    return added;
}

const char *case_win_env_list(const char *const *entries)
{
    if (entries[0] == NULL)
        return "none";
    char *list = sandbox_printf("%s", entries[0]);
    for (size_t i = 1; entries[i] != NULL; i++)
        list = sandbox_printf("%s, %s", list, entries[i]);
    return list;
}
