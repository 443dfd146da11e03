/* run_info.c: run_info.h's items, the same on every OS: the run's own
 * from its configuration (run_config.h), the machine's from the OS's
 * file (run_info_os.h). */
#include "run_info.h"

#include "../lib/daemoniker.h"
#include "run_config.h"
#include "run_info_os.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static char date[32];

void dk_run_info_begin(void)
{
    time_t now = time(NULL);
    struct tm *t = gmtime(&now); /* once, before any other thread */
    if (t != NULL)
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", t);
}

static const char *or(const char *v, const char *none)
{
    return v ? v : none;
}

const dk_run_item *dk_run_info(void)
{
    static char caps[1024];
    static dk_run_item info[16];
    if (info[0].name != NULL)
        return info;
    const dk_run_config *c = run_config();
    dk_run_machine m = dk_run_machine_read();
    snprintf(caps, sizeof caps, "%s", or(c->capabilities, ""));
    size_t n = strlen(caps);
    while (n > 0 && caps[n - 1] == ' ')
        caps[--n] = '\0';
    size_t i = 0;
    info[i++] = (dk_run_item){"dkcheck", DK_VERSION_STRING};
    info[i++] = (dk_run_item){"subject", or(c->subject, "")};
    info[i++] = (dk_run_item){"capabilities", caps};
    info[i++] = (dk_run_item){"profile", or(c->profile, "daemoniker")};
    info[i++] = (dk_run_item){"platform", or(c->platform, m.platform)};
    info[i++] = (dk_run_item){"os", m.os};
    info[i++] = (dk_run_item){"os_name", m.os_name};
    info[i++] = (dk_run_item){"kernel", m.kernel};
    info[i++] = (dk_run_item){"arch", m.arch};
    info[i++] = (dk_run_item){"libc", m.libc};
    info[i++] = (dk_run_item){"isolation", or(c->isolation, "")};
    info[i++] = (dk_run_item){"timeout_mul", or(c->timeout_mul, "1")};
    /* The calibration launch deadlines grow with (wait.h). */
    info[i++] = (dk_run_item){"calibration_ms", or(c->calibration_ms, "")};
    info[i++] = (dk_run_item){"date", date};
    info[i] = (dk_run_item){NULL, NULL};
    return info;
}
