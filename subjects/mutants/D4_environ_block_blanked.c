/* D4 broken, and hiding it: the environment is not sanitized, but the
 * block /proc/PID/environ shows (laid out at exec) is overwritten with
 * zeros, after every entry was copied for the environ array: getenv, and
 * any child the daemon starts, still get every variable.
 * wraps: dk__env_sanitize
 */
#include "../../lib/unix/steps.h"

#include <stdlib.h>
#include <string.h>

dk_status __wrap_dk__env_sanitize(dk_error *err)
{
    (void)err;
    char **env = *dk__environ();
    for (size_t i = 0; env != NULL && env[i] != NULL; i++) {
        char *copy = strdup(env[i]);
        if (copy == NULL)
            return DK_OK;
        char *old = env[i];
        env[i] = copy;
        memset(old, 0, strlen(old));
    }
    return DK_OK;
}
