/* env_allowed.h: what the contract lets a daemon keep of its environment
 * under the daemon7 profile (D4; docs/CONTRACT.md, "The daemon7
 * profile"). */
#ifndef DKCHECK_ENV_ALLOWED_H
#define DKCHECK_ENV_ALLOWED_H

#include <stdbool.h>
#include <stddef.h>

/* entry, len bytes "NAME=value" (no NUL needed), names a variable a
 * sanitized environment may keep: PATH, LANG, LANGUAGE, TZ, NOTIFY_SOCKET
 * or an LC_* one. An entry without '=' is never allowed. */
bool dk_env_allowed(const char *entry, size_t len);

#endif
