/* env_sanitize.c: daemon(7)'s item 4, the environment sanitized. */
#include "steps.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* What a daemon keeps: where to find programs, how to speak and tell the
 * time, and systemd's readiness socket (consumed at readiness, N1). The
 * rest came from whoever started the launcher and means nothing, or harm
 * (LD_*, IFS, a shell's secrets), to a long-lived daemon. */
static const char *const kept_names[] = {"PATH", "LANG", "LANGUAGE", "TZ",
                                         "NOTIFY_SOCKET"};

bool dk__env_entry_kept(const char *entry)
{
    size_t len = strcspn(entry, "=");
    if (entry[len] != '=')
        return false;
    /* Every locale category: LC_ALL, LC_CTYPE, LC_TIME ... */
    if (len > 3 && strncmp(entry, "LC_", 3) == 0)
        return true;
    for (size_t i = 0; i < sizeof kept_names / sizeof kept_names[0]; i++)
        if (strlen(kept_names[i]) == len &&
            strncmp(entry, kept_names[i], len) == 0)
            return true;
    return false;
}

dk_status dk__env_sanitize(dk_error *err)
{
    char ***env = dk__environ();
    size_t n = 0;
    for (char **e = *env; e != NULL && *e != NULL; e++)
        n++;
    char **kept = calloc(n + 1, sizeof *kept);
    if (kept == NULL)
        return dk__fail(err, DK_ESYS, "D4", ENOMEM, "environment copy");
    /* Copies first: the kept entries may live in the block rewritten next. */
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!dk__env_entry_kept((*env)[i]))
            continue;
        if ((kept[k] = strdup((*env)[i])) == NULL) {
            while (k > 0)
                free(kept[--k]);
            free(kept);
            return dk__fail(err, DK_ESYS, "D4", ENOMEM, "environment copy");
        }
        k++;
    }
    if (dk__env_block_rewrite(kept, k) < 0) {
        int e = errno;
        for (size_t i = 0; i < k; i++)
            free(kept[i]);
        free(kept);
        return dk__fail(err, DK_ESYS, "D4", e,
                        "rewriting the environment block");
    }
    /* The old array is left alone: whether it is the C library's or the
     * program's own, it is not ours to free. */
    *env = kept;
    return DK_OK;
}
