/* report_file_win.c: report_file.h in the native dkcheck.exe, not yet:
 * report_file.c keeps a report out of anyone's reach by directory
 * descriptor (openat, O_TMPFILE, linkat), which Windows does not have in
 * that form. Until a Windows version (a handle-relative create with
 * FILE_FLAG_DELETE_ON_CLOSE, then SetFileInformationByHandle's rename)
 * exists, --json, --xml, --tap and -O to a file say so in one line, and
 * the verdicts go to standard output. */
#include "report_file.h"

#include <stdio.h>

int dk_report_file_open(dk_report_file *r, const char *what, const char *path,
                        char *why, size_t size)
{
    (void)r;
    snprintf(why, size, "the %s report to a file (%s) is not native yet; "
             "use --verdicts or standard output (-)", what, path);
    return -1;
}

int dk_report_file_commit(dk_report_file *r, const char *what,
                          const char *path, char *why, size_t size)
{
    (void)r;
    snprintf(why, size, "the %s report to a file (%s) is not native yet",
             what, path);
    return -1;
}

void dk_report_file_discard(dk_report_file *r)
{
    (void)r;
}
