/* verdict.c: verdict.h. */
#include "verdict.h"

#include "case.h"
#include "host.h"
#include "load.h"
#include "wait.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

void case_broken(const char *fmt, ...)
{
    char what[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    cr_assert_fail(CASE_BROKEN_PREFIX "%s", what);
    __builtin_unreachable();
}

void case_inconclusive(double seconds, const char *fmt, ...)
{
    char what[1024], load[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    cr_assert_fail(CASE_BROKEN_PREFIX "inconclusive: %s, deadline %.1fs, "
                   "load %s", what, dk_deadline_seconds(seconds),
                   dk_load_text(load, sizeof load));
    __builtin_unreachable();
}

/* A process that waits for another, starved one (a launcher for its
 * daemon) is not stuck: so the whole case is looked at, and the host adds
 * what it knows (under Wine, whose processes all wait on their server,
 * none may run for a while). */
const char *case_idle(void)
{
    pid_t living[64];
    size_t n = case_living(living, 64);
    char first = 'S';
    bool states = true;
    for (size_t i = 0; i < n; i++) {
        char state;
        if (obs_read_liveliest_state(living[i], &state) < 0) {
            /* No thread state to read on this OS: the host's window, if
             * it watches one (the native Windows host), is then all the
             * evidence. */
            if (errno == ENOTSUP) {
                states = false;
                continue;
            }
            if (obs_alive(living[i]))
                return NULL;
            continue; /* ended meanwhile */
        }
        if (state == 'R' || state == 'D')
            return NULL;
        if (i == 0)
            first = state;
    }
    const char *also = host()->settled(living, n);
    if (also == NULL)
        return NULL;
    /* With no state read, only a host that watched a window ("" is one
     * look, which there was none of: BSD and macOS) has evidence. */
    if (!states)
        return also[0] != '\0'
                   ? sandbox_printf("of the case's %zu processes, %s", n, also)
                   : NULL;
    return sandbox_printf("state %c, no thread of the case's %zu "
                          "processes running%s", first, n, also);
}

const char *case_outlived(pid_t pid, int sig)
{
    return host()->outlived(pid, sig);
}

const char *case_evidence(pid_t pid, int sig, double seconds,
                          const char *what)
{
    if (!case_alive(pid))
        return "it is gone";
    const char *why = case_outlived(pid, sig);
    if (why == NULL)
        case_inconclusive(seconds, "%s (process %d alive, not idle)", what,
                          (int)pid);
    return why;
}

bool case_ends(pid_t pid, int sig, double seconds, const char *what,
               const char **evidence)
{
    if (case_wait_gone(pid, seconds))
        return true;
    const char *why = case_outlived(pid, sig);
    /* It may have ended between the deadline and our look. */
    if (why == NULL && case_wait_gone(pid, 0))
        return true;
    if (why == NULL)
        case_inconclusive(seconds, "%s (process %d still alive, not idle)",
                          what, (int)pid);
    if (evidence != NULL)
        *evidence = why;
    return false;
}

static bool kept(pid_t pid, const pid_t *keep, size_t n_keep)
{
    for (size_t i = 0; i < n_keep; i++)
        if (keep[i] == pid)
            return true;
    return false;
}

bool case_only_left(const pid_t *keep, size_t n_keep, double seconds,
                    const char *what, const char **evidence)
{
    if (case_wait_only(keep, n_keep, seconds))
        return true;
    pid_t living[64];
    size_t n = case_living(living, 64);
    const char *all = "";
    for (size_t i = 0; i < n; i++) {
        if (kept(living[i], keep, n_keep))
            continue;
        const char *why = case_outlived(living[i], 0);
        if (why == NULL && obs_alive(living[i]))
            case_inconclusive(seconds, "%s (process %d still alive, not "
                              "idle)", what, (int)living[i]);
        if (why != NULL)
            all = sandbox_printf("%s%s%d: %s", all, all[0] ? "; " : "",
                                 (int)living[i], why);
    }
    if (all[0] == '\0') /* all ended between the deadline and our look */
        return true;
    if (evidence != NULL)
        *evidence = all;
    return false;
}

bool case_count_left(size_t n, double seconds, const char *what,
                     const char **evidence)
{
    if (case_wait_living(n, seconds))
        return true;
    const char *idle = case_idle();
    if (idle == NULL)
        case_inconclusive(seconds, "%s (%zu processes of the case alive, "
                          "expected %zu, not idle)", what,
                          case_count_living(), n);
    if (evidence != NULL)
        *evidence = sandbox_printf("they sleep (%s)", idle);
    return false;
}
