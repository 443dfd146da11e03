#include "internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

dk_status dk__fail(dk_error *err, dk_status status, const char *step,
                   int sys_errno, const char *fmt, ...)
{
    if (err == NULL)
        return status;
    err->status = status;
    err->sys_errno = sys_errno;
    snprintf(err->step, sizeof err->step, "%s", step);

    int n = snprintf(err->message, sizeof err->message, "daemoniker: %s: ",
                     step);
    if (n < 0 || (size_t)n >= sizeof err->message)
        return status;
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(err->message + n, sizeof err->message - (size_t)n, fmt,
                      ap);
    va_end(ap);
    if (m < 0)
        return status;
    size_t used = strlen(err->message);
    if (sys_errno != 0 && used < sizeof err->message)
        snprintf(err->message + used, sizeof err->message - used, ": %s",
                 strerror(sys_errno));
    /* A message is one line, whatever a path or strerror contained. */
    for (char *p = err->message; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    return status;
}
