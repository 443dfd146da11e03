/* as_found.c: see as_found.h. */
#include "as_found.h"

#include "sandbox.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

as_found as_found_at(const char *path)
{
    as_found f = {.type = '?'};
    struct stat st;
    if (lstat(path, &st) < 0) {
        f.type = '-';
    } else if (S_ISLNK(st.st_mode)) {
        f.type = 'l';
        ssize_t n = readlink(path, f.content, sizeof f.content - 1);
        f.content[n < 0 ? 0 : n] = '\0';
    } else if (S_ISDIR(st.st_mode)) {
        f.type = 'd';
    } else if (S_ISREG(st.st_mode)) {
        f.type = 'f';
        const char *text = sandbox_read(path, NULL);
        snprintf(f.content, sizeof f.content, "%s", text ? text : "(unreadable)");
    }
    return f;
}

int as_found_same(const as_found *a, const as_found *b)
{
    return a->type == b->type && strcmp(a->content, b->content) == 0;
}

static void one_line_into(char *buf, size_t size, const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p && n + 3 < size; p++) {
        if (*p == '\n') {
            buf[n++] = '\\';
            buf[n++] = 'n';
        } else
            buf[n++] = *p;
    }
    buf[n] = '\0';
}

const char *one_line(const char *text)
{
    static char bufs[4][512];
    static unsigned turn;
    char *buf = bufs[turn++ % 4];
    one_line_into(buf, sizeof bufs[0], text);
    return buf;
}

const char *as_found_describe(const as_found *f, char *buf, size_t size)
{
    char quoted[512];
    one_line_into(quoted, sizeof quoted, f->content);
    switch (f->type) {
    case '-': snprintf(buf, size, "absent"); break;
    case 'd': snprintf(buf, size, "a directory"); break;
    case 'l': snprintf(buf, size, "a symlink to \"%s\"", quoted); break;
    case 'f': snprintf(buf, size, "a file holding \"%s\"", quoted); break;
    default: snprintf(buf, size, "neither file, directory nor symlink");
    }
    return buf;
}
