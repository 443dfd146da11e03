/* env_sanitize.c: daemon(7)'s item 4, the environment sanitized.
 *
 * In the C library's own array and through its own calls (unsetenv,
 * putenv, setenv), never by handing environ an array of ours: the library
 * would not know it, and its next setenv would copy it and leak ours. The
 * kept variables are few (rewrite_kept's calls are per kept one); the
 * dropped ones, however many, cost one pass. */
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

/* Every entry not kept leaves the array in one pass, the kept ones closing
 * up in place (as unsetenv itself does): linear, where an unsetenv per
 * dropped name is quadratic (each one walks and shifts the whole array;
 * 10 000 variables took seconds, 100 000 outlasted the launcher's wait).
 * The array stays the C library's own, only shorter; the dropped strings
 * are not freed, as unsetenv does not free them either. */
static void drop_unkept(char **env)
{
    size_t kept = 0;
    for (size_t i = 0; env != NULL && env[i] != NULL; i++)
        if (dk__env_entry_kept(env[i]))
            env[kept++] = env[i];
    if (env != NULL)
        env[kept] = NULL;
}

static dk_status rewrite_kept(char ***env, char *const *before,
                              dk_error *err)
{
    size_t n = 0;
    for (char **e = *env; e != NULL && *e != NULL; e++)
        n++;
    /* Copies first: the kept entries may live in the block rewritten next. */
    char **kept = calloc(n + 1, sizeof *kept);
    bool *moved = calloc(n + 1, sizeof *moved);
    if (kept == NULL || moved == NULL) {
        free(kept);
        free(moved);
        return dk__fail(err, DK_ESYS, "D4", ENOMEM, "environment copy");
    }
    for (size_t i = 0; i < n; i++)
        if ((kept[i] = strdup((*env)[i])) == NULL) {
            while (i > 0)
                free(kept[--i]);
            free(kept);
            free(moved);
            return dk__fail(err, DK_ESYS, "D4", ENOMEM, "environment copy");
        }
    /* Out of the environment while the block changes under them: an entry
     * left pointing there would read as a fragment of another, and putenv
     * could not find it by its name to replace it. */
    dk_status st = DK_OK;
    for (size_t i = 0; i < n; i++) {
        char *eq = strchr(kept[i], '=');
        *eq = '\0';
        int rc = unsetenv(kept[i]);
        *eq = '=';
        if (rc != 0 && st == DK_OK)
            st = dk__fail(err, DK_ESYS, "D4", errno, "unsetenv");
    }
    if (st == DK_OK && dk__env_block_rewrite(before, kept, moved, n) < 0)
        st = dk__fail(err, DK_ESYS, "D4", errno,
                      "rewriting the environment block");
    /* Even after a failed rewrite, every entry goes back whole: one in the
     * block by putenv, which keeps the pointer; one still on the heap by
     * setenv, which copies it into memory the C library owns (and frees),
     * so our copy goes. */
    for (size_t i = 0; i < n; i++) {
        int rc;
        if (moved[i]) {
            rc = putenv(kept[i]);
        } else {
            char *eq = strchr(kept[i], '=');
            *eq = '\0';
            rc = setenv(kept[i], eq + 1, 1);
            free(kept[i]);
        }
        if (rc != 0 && st == DK_OK)
            st = dk__fail(err, DK_ESYS, "D4", errno,
                          "restoring the kept variables");
    }
    free(kept);
    free(moved);
    return st;
}

dk_status dk__env_sanitize(dk_error *err)
{
    char ***env = dk__environ();
    /* Where the entries were before any change, for the block's rewrite. */
    size_t n_before = 0;
    for (char **e = *env; e != NULL && *e != NULL; e++)
        n_before++;
    char **before = calloc(n_before + 1, sizeof *before);
    if (before == NULL)
        return dk__fail(err, DK_ESYS, "D4", ENOMEM, "environment copy");
    if (n_before > 0)
        memcpy(before, *env, n_before * sizeof *before);
    drop_unkept(*env);
    dk_status st = rewrite_kept(env, before, err);
    free(before);
    return st;
}
