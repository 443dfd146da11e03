/* U5: Write the daemon's PID to the PID file. */
#include "../harness/case.h"

#include <stdio.h>
#include <string.h>

DK_CASE(U5, U5_pidfile_names_daemon)
{
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    const char *text = sandbox_read(l->pidfile, NULL);
    cr_assert(text != NULL, "expected %s to exist; it does not",
              l->pidfile);
    long named = 0;
    sscanf(text, "%ld", &named);
    cr_expect(named == daemon,
              "expected %s to name daemon %d; it holds \"%s\"%s",
              l->pidfile, (int)daemon, text,
              named == l->launcher ? " (the launcher: written before the fork)"
                                   : "");
}

DK_CASE(U5, U5_pidfile_exact_format)
{
    launch *l;
    pid_t daemon = case_run(NULL, &l);
    char want[32];
    snprintf(want, sizeof want, "%d\n", (int)daemon);
    const char *text = sandbox_read(l->pidfile, NULL);
    cr_expect(text && strcmp(text, want) == 0,
              "expected %s to hold exactly the PID and a newline "
              "(\"%d\\n\"); it holds \"%s\"",
              l->pidfile, (int)daemon, text ? text : "(nothing)");
}
