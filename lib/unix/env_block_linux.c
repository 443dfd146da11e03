/* env_block_linux.c: the environment block Linux shows others.
 *
 * /proc/PID/environ is not the process's environ array but the bytes the
 * kernel laid out at exec, between env_start and env_end, as they stand
 * now: a daemon that only built itself a new environ would still show
 * there, to `ps e` and to anyone of its user, every variable it dropped.
 * So the block itself is rewritten: the kept entries, then zeros; only
 * when the environment still has an entry there (it is the program's, not
 * a tool's that started it, and the program did not move it all). */
#include "steps.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char ***dk__environ(void)
{
    return &environ;
}

/* env_start and env_end, fields 50 and 51 of /proc/self/stat (Linux 3.5 and
 * later); 0 and errno ENOENT when /proc or the fields are not there. */
static int env_block(unsigned long *start, unsigned long *end)
{
    char buf[2048];
    FILE *f = fopen("/proc/self/stat", "re");
    if (f == NULL)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    /* After the command name, in parentheses that may hold anything:
     * field 3 on, 48 fields up to env_end. */
    char *p = strrchr(buf, ')');
    unsigned long field[49] = {0};
    size_t i = 0;
    for (p = p != NULL ? p + 2 : NULL; p != NULL && *p != '\0' && i < 49; i++) {
        p += strspn(p, " ");
        field[i] = strtoul(p, &p, 10); /* field 3, the state, reads as 0 */
        if (*p != ' ' && *p != '\n' && *p != '\0')
            p = strchr(p, ' ');
    }
    *start = field[47];
    *end = field[48];
    if (i < 49 || *start == 0 || *end <= *start) {
        errno = ENOENT;
        return -1;
    }
    return 0;
}

int dk__env_block_rewrite(char *const *before, char **kept, bool *moved,
                          size_t n)
{
    unsigned long start, end;
    if (env_block(&start, &end) < 0)
        return errno == ENOENT ? 0 : -1; /* nothing shows a block: done */
    /* Only a block the environment lives in is ours to write: under
     * valgrind, say, the kernel's block is the tool's, and the program's
     * environment a copy elsewhere. */
    bool ours = false;
    for (size_t i = 0; before[i] != NULL && !ours; i++)
        ours = (unsigned long)before[i] >= start &&
               (unsigned long)before[i] < end;
    if (!ours)
        return 0;
    char *p = (char *)start, *stop = (char *)end;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(kept[i]) + 1;
        if (len > (size_t)(stop - p))
            continue; /* a value grown since exec: it stays on the heap */
        memcpy(p, kept[i], len);
        free(kept[i]);
        kept[i] = p;
        moved[i] = true;
        p += len;
    }
    memset(p, 0, (size_t)(stop - p));
    return 0;
}
