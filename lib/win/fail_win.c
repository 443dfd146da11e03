#include "win.h"

#include <stdarg.h>
#include <stdio.h>

dk_status dk__win_fail(dk_error *err, dk_status status, const char *step,
                       DWORD code, const char *fmt, ...)
{
    char what[DK_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);

    char why[256] = "";
    if (code != 0 &&
        FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                       NULL, code, 0, why, sizeof why, NULL) == 0)
        snprintf(why, sizeof why, "Windows error");
    /* FormatMessage ends its text with CRLF; dk__fail makes it one line. */
    for (char *p = why + strlen(why); p > why && (p[-1] == '\n' || p[-1] == '\r' ||
                                              p[-1] == ' ' || p[-1] == '.');)
        *--p = '\0';
    if (code != 0)
        dk__fail(err, status, step, 0, "%s: %s (error %lu)", what, why,
                 (unsigned long)code);
    else
        dk__fail(err, status, step, 0, "%s", what);
    if (err != NULL)
        err->sys_errno = (int)code;
    return status;
}
