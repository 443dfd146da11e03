/* report_file.h: a report file that nobody can redirect. dkcheck runs as
 * root and may be asked to write into a directory others can write (/tmp):
 * the report is written to a descriptor opened now, in the target's
 * directory (itself held open), an unnamed file where the OS has them
 * (report_file_linux.c) or else a new name made O_EXCL|O_NOFOLLOW, and
 * renamed over the target at the end. A target that is a symlink, a
 * directory or anything but a regular file is refused; the file put in
 * place is ours, mode 0644. Criterion opens outputs by path: it gets
 * dk_report_file.via, which reopens the descriptor (/dev/fd/N). */
#ifndef DKCHECK_REPORT_FILE_H
#define DKCHECK_REPORT_FILE_H

#include <stddef.h>

typedef struct dk_report_file {
    int dirfd;        /* the target's directory */
    int fd;           /* the report, being written */
    char name[256];   /* the target's name in dirfd */
    char tmp[320];    /* our name for fd in dirfd; "" while unnamed */
    char via[32];     /* a path that reopens fd */
} dk_report_file;

/* Check path (not "-") and open its temporary, for the report called
 * what ("json", ...) in messages. 0, or -1 with a one-line reason. */
int dk_report_file_open(dk_report_file *r, const char *what, const char *path,
                        char *why, size_t size);
/* Put it in place of the target. 0, or -1 with the reason. */
int dk_report_file_commit(dk_report_file *r, const char *what,
                          const char *path, char *why, size_t size);
/* Drop it, leaving the target as it was. */
void dk_report_file_discard(dk_report_file *r);

/* Per OS: a file with no name in dirfd, mode 0644 (-1 where there are
 * none), and giving it the name name (which must not exist). */
int dk_report_file_unnamed(int dirfd);
int dk_report_file_name(int fd, int dirfd, const char *name);

#endif
