/* env_allowed.c: the contract's allow-list for D4. The harness keeps its
 * own copy, apart from the library's: it judges every implementation, and
 * must not change when the reference does. */
#include "env_allowed.h"

#include <string.h>

/* Programs found, text spoken, time told, and systemd's readiness socket
 * (N1's, which the contract passes the launcher when it asks for it). */
static const char *const allowed[] = {"PATH", "LANG", "LANGUAGE", "TZ",
                                      "NOTIFY_SOCKET"};

bool dk_env_allowed(const char *entry, size_t len)
{
    const char *eq = memchr(entry, '=', len);
    if (eq == NULL)
        return false;
    size_t name = (size_t)(eq - entry);
    if (name > 3 && memcmp(entry, "LC_", 3) == 0)
        return true;
    for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
        if (strlen(allowed[i]) == name && memcmp(entry, allowed[i], name) == 0)
            return true;
    return false;
}
