/* sandbox_common.c: the sandbox.h calls that are the same on every OS:
 * the case's allocations (freed at its close), formatting, reading a file
 * of the sandbox and quoting its first line, and the subject's declared
 * capabilities. Making, filling and removing the sandbox is the OS's
 * (sandbox_os.h). */
#include "sandbox.h"

#include "escape.h"
#include "run_config.h"
#include "sandbox_os.h"

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Every allocation of the case, newest first, freed at its close. */
static struct arena {
    struct arena *next;
    char data[];
} *the_arena;

void *sandbox_alloc(size_t size)
{
    struct arena *a = malloc(sizeof *a + size);
    if (a == NULL)
        case_broken("out of memory");
    a->next = the_arena;
    the_arena = a;
    return a->data;
}

void sandbox_free_all(void)
{
    while (the_arena != NULL) {
        struct arena *next = the_arena->next;
        free(the_arena);
        the_arena = next;
    }
}

char *sandbox_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = sandbox_alloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

const char *sandbox_read(const char *path, size_t *len)
{
    sandbox_capture_sync(); /* path may be a log still filling */
    FILE *f = sandbox_os_open_read(path);
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap && cap < (64u << 20)) {
            char *bigger = realloc(buf, cap * 2 + 1);
            if (bigger == NULL)
                break;
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf == NULL)
        return NULL;
    char *copy = sandbox_alloc(n + 1);
    memcpy(copy, buf, n);
    copy[n] = '\0';
    free(buf);
    if (len)
        *len = n;
    return copy;
}

/* The first line without its end: "\n", or a Windows text file's
 * "\r\n". */
const char *sandbox_quote_first_line(const char *path)
{
    size_t len;
    const char *text = sandbox_read(path, &len);
    if (text == NULL)
        return "";
    size_t n = strcspn(text, "\n");
    if (n > 0 && text[n - 1] == '\r')
        n--;
    char *buf = sandbox_alloc(300);
    return dk_quote(text, n, 200, buf, 300);
}

bool sandbox_has(const char *capability)
{
    const char *caps = run_config()->capabilities;
    if (caps == NULL)
        return false;
    size_t n = strlen(capability);
    for (const char *p = caps; (p = strstr(p, capability)) != NULL; p += n) {
        bool starts = p == caps || p[-1] == ' ' || p[-1] == '\n';
        bool ends = p[n] == '\0' || p[n] == ' ' || p[n] == '\n';
        if (starts && ends)
            return true;
    }
    return false;
}

void sandbox_require(const char *capability)
{
    if (!sandbox_has(capability))
        cr_skip_test("the subject does not declare capability '%s'",
                     capability);
}
