/* case_listing.c: what the sandbox holds, as case_listing() lists it
 * (case.h), the files the harness makes for every launch left out. */
#include "case.h"

#include "sandbox.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* rel is exactly the pattern (one %u in it). */
static bool matches(const char *rel, const char *pattern_n)
{
    unsigned k;
    int n = 0;
    return sscanf(rel, pattern_n, &k, &n) == 1 && n > 0 && rel[n] == '\0';
}

static bool made_by_harness(const char *rel)
{
    return matches(rel, "launcher-%u.out%n") ||
           matches(rel, "launcher-%u.err%n") ||
           matches(rel, "inherited-%u%n") || strcmp(rel, "send.err") == 0 ||
           strcmp(rel, "send.out") == 0;
}

struct listing {
    char **lines;
    size_t n, cap;
};

static void list_dir(struct listing *out, const char *rel)
{
    const char *dir = sandbox_path(rel[0] ? rel : ".");
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        const char *child = rel[0] ? sandbox_printf("%s/%s", rel, e->d_name)
                                   : sandbox_printf("%s", e->d_name);
        if (made_by_harness(child))
            continue;
        struct stat st;
        char type = lstat(sandbox_path(child), &st) < 0 ? '?'
                    : S_ISDIR(st.st_mode)            ? 'd'
                    : S_ISLNK(st.st_mode)            ? 'l'
                    : S_ISREG(st.st_mode)            ? 'f'
                                                     : '?';
        if (out->n == out->cap) {
            size_t cap = out->cap ? out->cap * 2 : 32;
            char **bigger = sandbox_alloc(cap * sizeof *bigger);
            if (out->n)
                memcpy(bigger, out->lines, out->n * sizeof *bigger);
            out->lines = bigger;
            out->cap = cap;
        }
        out->lines[out->n++] = sandbox_printf("%c %s", type, child);
        if (type == 'd')
            list_dir(out, child);
    }
    closedir(d);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *case_listing(void)
{
    struct listing l = {0};
    list_dir(&l, "");
    if (l.n > 1)
        qsort(l.lines, l.n, sizeof *l.lines, by_name);
    size_t total = 1;
    for (size_t i = 0; i < l.n; i++)
        total += strlen(l.lines[i]) + 1;
    char *s = sandbox_alloc(total), *end = s;
    for (size_t i = 0; i < l.n; i++)
        end += sprintf(end, "%s\n", l.lines[i]);
    *end = '\0';
    return s;
}
