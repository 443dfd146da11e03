/* as_found.h: what sits at a path (nothing, a file and its content, a
 * directory, a symlink and its target), so that a case can show a refused
 * launch left it exactly as it found it; the H8 cases of every OS use it. */
#ifndef DKCHECK_AS_FOUND_H
#define DKCHECK_AS_FOUND_H

#include <limits.h>
#include <stddef.h>

typedef struct as_found {
    char type;              /* '-' absent, 'f' file, 'd' directory, 'l' symlink */
    char content[PATH_MAX]; /* a file's content (its start), a symlink's target */
} as_found;

as_found as_found_at(const char *path);
/* The two are the same. */
int as_found_same(const as_found *a, const as_found *b);
/* "absent", "a directory", "a symlink to \"T\"", "a file holding \"C\"". */
const char *as_found_describe(const as_found *f, char *buf, size_t size);
/* text on one line ("a\nb" -> "a\\nb"), in one of a few static buffers
 * used in turn, as a message may quote several texts. */
const char *one_line(const char *text);

#endif
