#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Fits text into a message of DK_ERROR_MAX bytes. A message is the step,
 * what (often a path) and why; a long path must not push the why out, so
 * the middle of the text goes, marked "...", and both ends stay. */
static void fit_message(char *dst, size_t size, const char *text)
{
    size_t len = strlen(text);
    if (len < size) {
        snprintf(dst, size, "%s", text);
        return;
    }
    size_t head = (size - 4) / 3, tail = size - 4 - head;
    snprintf(dst, size, "%.*s...%s", (int)head, text, text + len - tail);
}

dk_status dk__fail(dk_error *err, dk_status status, const char *step,
                   int sys_errno, const char *fmt, ...)
{
    if (err == NULL)
        return status;
    err->status = status;
    err->sys_errno = sys_errno;
    snprintf(err->step, sizeof err->step, "%s", step);

    /* Paths are at most PATH_MAX (4096 on Linux, 1024 elsewhere); a few of
     * them and a reason fit here, and fit_message keeps the ends. */
    char full[3 * 4096 + 512];
    int n = snprintf(full, sizeof full, "daemoniker: %s: ", step);
    if (n < 0 || (size_t)n >= sizeof full)
        return status;
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(full + n, sizeof full - (size_t)n, fmt, ap);
    va_end(ap);
    if (m < 0)
        return status;
    size_t used = strlen(full);
    if (sys_errno != 0 && used < sizeof full)
        snprintf(full + used, sizeof full - used, ": %s", strerror(sys_errno));
    fit_message(err->message, sizeof err->message, full);
    /* A message is one line, whatever a path or strerror contained. */
    for (char *p = err->message; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return status;
}
