/* D4 broken: the environment is sanitized one unsetenv per dropped name,
 * starting over after each (as the library once did): each call walks the
 * whole array, so 50 000 variables take about a minute.
 * wraps: dk__env_sanitize
 */
#include "../../lib/unix/steps.h"

#include <stdlib.h>
#include <string.h>

dk_status __real_dk__env_sanitize(dk_error *err);

dk_status __wrap_dk__env_sanitize(dk_error *err)
{
    char ***env = dk__environ();
    for (size_t i = 0; *env != NULL && (*env)[i] != NULL;) {
        const char *entry = (*env)[i];
        size_t len = strcspn(entry, "=");
        if (dk__env_entry_kept(entry) || len == 0 || entry[len] != '=') {
            i++;
            continue;
        }
        char *name = strndup(entry, len);
        if (name == NULL || unsetenv(name) != 0) {
            free(name);
            break;
        }
        free(name);
        i = 0;
    }
    return __real_dk__env_sanitize(err);
}
