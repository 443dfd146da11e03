/* D4: daemon(7) item 4, "sanitize the environment block": the daemon keeps
 * only what the contract allows (env_allowed.h: PATH, LANG, LANGUAGE, TZ,
 * NOTIFY_SOCKET, LC_*). Its launcher inherits dkcheck's environment (the
 * DKCHECK_* variables at least) and one variable more, set here, that no
 * daemon has any use for.
 *
 * What is read is what the OS shows others of the daemon's environment
 * (obs_read_environ): on Linux the block laid out at exec, as it stands
 * now. A daemon that only built itself a new environ array still shows
 * the old block there, to `ps e` and to any process of its user, and
 * FAILs: the variables it dropped are still readable. */
#include "../harness/case.h"
#include "../harness/env_allowed.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JUNK "DKCHECK_JUNK"

/* The length of the name of entry (n bytes): up to its '=', if any. */
static size_t name_len(const char *entry, size_t n)
{
    const char *eq = memchr(entry, '=', n);
    return eq != NULL ? (size_t)(eq - entry) : n;
}

/* Append entry's name (up to '=', 40 bytes at most, unprintable bytes as
 * '?') to list, comma-separated, while it has room. */
static void add_name(char *list, size_t size, const char *entry, size_t len)
{
    size_t used = strlen(list), name = name_len(entry, len);
    if (name > 40)
        name = 40;
    if (used + name + 3 >= size)
        return;
    if (used > 0) {
        list[used++] = ',';
        list[used++] = ' ';
    }
    for (size_t i = 0; i < name; i++)
        list[used++] = entry[i] > ' ' && entry[i] < 0x7f ? entry[i] : '?';
    list[used] = '\0';
}

/* What an environment (entries, each NUL-terminated) holds that the
 * daemon may not keep: "" if nothing, else the verdict's words. Named:
 * only what the subject added itself. What it passed on from dkcheck's
 * own environment is counted, not listed: its names are the machine's,
 * not the implementation's. */
static const char *unkept(const char *env, size_t len)
{
    char own[400] = "";
    size_t n_own = 0, n_passed_on = 0;
    bool junk = false;
    for (size_t at = 0; at < len;) {
        const char *entry = env + at;
        size_t n = strnlen(entry, len - at);
        /* Empty entries are bytes a daemon zeroed, not variables. */
        if (n > 0 && !dk_env_allowed(entry, n)) {
            char name[256];
            snprintf(name, sizeof name, "%.*s", (int)name_len(entry, n),
                     entry);
            if (strcmp(name, JUNK) == 0) {
                junk = true;
            } else if (getenv(name) != NULL) {
                n_passed_on++;
            } else {
                add_name(own, sizeof own, entry, n);
                n_own++;
            }
        }
        at += n + 1;
    }
    if (!junk && n_passed_on == 0 && n_own == 0)
        return "";
    return sandbox_printf("%s%zu other variable(s) of dkcheck's "
                          "environment, and %zu set on the way%s%s",
                          junk ? JUNK " (given to its launcher), " : "",
                          n_passed_on, n_own, n_own > 0 ? ": " : "", own);
}

DK_CASE(D4, D4_environment_sanitized)
{
    setenv(JUNK, "set by the launcher's caller", 1);
    pid_t daemon = case_run(NULL, NULL);
    static char env[1 << 17];
    size_t len;
    /* One byte short: the last entry, even cut, ends in a NUL. */
    if (obs_read_environ(daemon, env, sizeof env - 1, &len) < 0) {
        if (errno == ENOTSUP)
            cr_skip_test("the observer does not read a process's environment "
                         "on this OS");
        cr_assert_fail("cannot read the environment of daemon %d: %s",
                       (int)daemon, strerror(errno));
    }
    const char *shown = unkept(env, len);
    cr_expect(shown[0] == '\0',
              "expected daemon %d's environment to hold only PATH, LANG, "
              "LANGUAGE, TZ, NOTIFY_SOCKET and LC_* variables; it keeps %s",
              (int)daemon, shown);
    /* The block can be blanked by a daemon whose environ array (getenv's,
     * and what its children inherit) keeps every variable: that array is
     * read too, where the observer finds it (a shared C library's). */
    if (obs_read_environ_array(daemon, env, sizeof env - 1, &len) < 0)
        return; /* nothing more to read; the block's verdict stands */
    const char *kept = unkept(env, len);
    cr_expect(kept[0] == '\0',
              "expected daemon %d's environ array (what getenv reads and a "
              "child it execs inherits) to hold only PATH, LANG, LANGUAGE, "
              "TZ, NOTIFY_SOCKET and LC_* variables; it keeps %s%s",
              (int)daemon, kept, shown[0] == '\0' ? " (though /proc/PID/"
              "environ shows none of them: the block was overwritten)" : "");
}

/* Sanitizing must cost little however many variables there are: 50 000
 * here (1.6 MB of environment and pointers, under Linux's 2 MB for exec).
 * A sanitizer that removes them one name at a time walks the whole array
 * for each (quadratic: about a minute for these); given --timeout 5 where
 * the subject offers it, its launcher then gives up on a daemon that was
 * never slow for any other reason, and the case FAILs on that refusal. */
#define MANY_VARIABLES 50000

extern char **environ;

DK_CASE(D4, D4_environment_50000_variables)
{
    size_t n = 0;
    while (environ[n] != NULL)
        n++;
    char **many = sandbox_alloc((n + MANY_VARIABLES + 1) * sizeof *many);
    memcpy(many, environ, n * sizeof *many);
    for (size_t i = 0; i < MANY_VARIABLES; i++)
        many[n + i] = sandbox_printf(JUNK "_%05zu=", i);
    many[n + MANY_VARIABLES] = NULL;
    /* This worker's environment alone, for the launch it starts (setenv
     * would take as long as the quadratic sanitizer). */
    environ = many;
    launch_spec spec = {.timeout = sandbox_has("timeout") ? "5" : NULL};
    launch *l = case_start(&spec);
    int code = case_wait_launcher(l);
    cr_assert(code == 0, "with %d more variables in its environment the "
              "launcher failed (exit %d): \"%s\"", MANY_VARIABLES, code,
              case_launcher_error(l));
    pid_t daemon = case_daemon(l);
    static char env[1 << 17];
    size_t len;
    if (obs_read_environ(daemon, env, sizeof env - 1, &len) < 0)
        return; /* the sanitizing itself is D4_environment_sanitized's */
    size_t kept = 0;
    const char *first = NULL;
    for (size_t at = 0; at < len; at += strnlen(env + at, len - at) + 1)
        if (strncmp(env + at, JUNK "_", sizeof JUNK) == 0 && kept++ == 0)
            first = env + at;
    cr_expect(kept == 0, "daemon %d keeps %zu of the %d variables given "
              "(%s, ...)", (int)daemon, kept, MANY_VARIABLES,
              first ? first : "");
}
