/* sandbox_win.c: sandbox.h for the native dkcheck.exe. The case's
 * directory is made in the run's (DKCHECK_RUNDIR, under %TEMP%: see
 * run_root_win.c), its processes are its Job object's (job_win.c), and
 * what the subject prints goes to log files there.
 *
 * Weaker than sandbox.c, and why:
 *   - the logs are files the launcher writes directly, not pipes a thread
 *     drains with a bound: a subject printing without end fills the disk
 *     as far as the user's quota lets it (Windows has no bounded tmpfs to
 *     hold the sandbox either). sandbox_capture_eof and _pipe, which need
 *     a pipe, answer false and 0: no case that asks them is compiled in
 *     (mk/windows_dkcheck.mk lists the native cases);
 *   - the subject's words are split on blanks, double quotes grouping
 *     (no shell's expansion, which dkcheck_main.c's wordexp gives). */
#include "sandbox.h"

#include "case.h"
#include "escape.h"
#include "native_win.h"
#include "run_config.h"
#include "wait.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <io.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct {
    char root[PATH_MAX];
    bool open;
    char *words[64];
    size_t n_words;
    char words_text[8192];
    void **allocs;
    size_t n_allocs, cap_allocs;
} the_sandbox;

void *sandbox_alloc(size_t size)
{
    if (the_sandbox.n_allocs == the_sandbox.cap_allocs) {
        size_t cap = the_sandbox.cap_allocs ? 2 * the_sandbox.cap_allocs : 64;
        void **more = realloc(the_sandbox.allocs, cap * sizeof *more);
        if (more == NULL)
            case_broken("out of memory");
        the_sandbox.allocs = more;
        the_sandbox.cap_allocs = cap;
    }
    void *p = calloc(1, size ? size : 1);
    if (p == NULL)
        case_broken("out of memory");
    return the_sandbox.allocs[the_sandbox.n_allocs++] = p;
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

static bool make_dir(const char *path)
{
    wchar_t w[MAX_PATH];
    return CreateDirectoryW(dk_wide(path, w, MAX_PATH), NULL) != 0;
}

/* The subject's words: blanks separate, double quotes group. */
static void split_subject(const char *subject)
{
    char *out = the_sandbox.words_text, *end = out + sizeof the_sandbox.words_text - 1;
    const char *p = subject;
    the_sandbox.n_words = 0;
    while (*p && the_sandbox.n_words < 63) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0')
            break;
        the_sandbox.words[the_sandbox.n_words++] = out;
        bool quoted = false;
        for (; *p && (quoted || (*p != ' ' && *p != '\t')) && out < end; p++)
            if (*p == '"')
                quoted = !quoted;
            else
                *out++ = *p;
        *out++ = '\0';
    }
}

void sandbox_open(void)
{
    const char *run = run_config()->rundir, *subject = run_config()->subject;
    if (run == NULL || subject == NULL)
        case_broken("no run directory or subject (a case of dkcheck.exe runs "
                    "in a worker of its run)");
    snprintf(the_sandbox.root, sizeof the_sandbox.root, "%s\\case-%lu", run,
             (unsigned long)GetCurrentProcessId());
    if (!make_dir(the_sandbox.root) || !make_dir(sandbox_path("launch")))
        case_broken("cannot make the sandbox %s: Windows error %lu",
                    the_sandbox.root, (unsigned long)GetLastError());
    the_sandbox.open = true;
    split_subject(subject);
    if (the_sandbox.n_words == 0)
        case_broken("the subject's command has no words");
}

void sandbox_close(void)
{
    if (!the_sandbox.open)
        return;
    the_sandbox.open = false;
    bool ended = dk_case_job_end(CASE_DEADLINE);
    sandbox_capture_end();
    char why[512] = "";
    int removed = dk_remove_tree(the_sandbox.root, why, sizeof why);
    for (size_t i = 0; i < the_sandbox.n_allocs; i++)
        free(the_sandbox.allocs[i]);
    the_sandbox.n_allocs = 0;
    /* As sandbox.c: the teardown judges nothing (an assertion in .fini
     * would show beside a pass). What it leaves is said here, and the
     * runner, which removes the run's directory, fails the run (exit 2)
     * when anything of it is left. */
    if (!ended)
        fprintf(stderr, "dkcheck: the case's processes did not end within "
                "%gs of TerminateJobObject\n", dk_deadline_seconds(CASE_DEADLINE));
    if (removed < 0)
        fprintf(stderr, "dkcheck: %s\n", why);
}

const char *sandbox_path(const char *name)
{
    if (name[0] == '\\' || name[0] == '/' || (name[0] && name[1] == ':'))
        return name;
    return sandbox_printf("%s\\%s", the_sandbox.root, name);
}

const char *sandbox_file(const char *name, const char *content)
{
    const char *path = sandbox_path(name);
    FILE *f = fopen(path, "wb");
    if (f == NULL || (content && fputs(content, f) == EOF) || fclose(f) != 0)
        case_broken("cannot write %s", path);
    return path;
}

const char *sandbox_mkdir(const char *name)
{
    const char *path = sandbox_path(name);
    if (!make_dir(path))
        case_broken("cannot make the directory %s: Windows error %lu", path,
                    (unsigned long)GetLastError());
    return path;
}

const char *sandbox_group_dir(gid_t gid)
{
    case_broken("no group directory on Windows (gid %u)", gid);
}

const char *sandbox_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    char *text = NULL;
    for (;;) {
        char *more = sandbox_alloc(cap + 1);
        if (text != NULL)
            memcpy(more, text, n);
        text = more;
        n += fread(text + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
    }
    fclose(f);
    text[n] = '\0';
    if (len != NULL)
        *len = n;
    return text;
}

size_t sandbox_command(char **argv, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < the_sandbox.n_words && n < max; i++)
        argv[n++] = the_sandbox.words[i];
    return n;
}

/* A log file the launcher gets as its handle (case_launch_win.c takes it
 * with _get_osfhandle); the case's process inherit it as they will. */
int sandbox_capture(const char *path)
{
    wchar_t w[MAX_PATH];
    SECURITY_ATTRIBUTES inherit = {sizeof inherit, NULL, TRUE};
    HANDLE h = CreateFileW(dk_wide(path, w, MAX_PATH), FILE_APPEND_DATA,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           &inherit, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE)
        case_broken("cannot make the log %s: Windows error %lu", path,
                    (unsigned long)GetLastError());
    int fd = _open_osfhandle((intptr_t)h, _O_APPEND);
    if (fd < 0) {
        CloseHandle(h);
        case_broken("cannot make the log %s a descriptor", path);
    }
    return fd;
}

void sandbox_capture_end(void)
{
}

void sandbox_capture_sync(void)
{
}

unsigned long long sandbox_captured(const char *path)
{
    WIN32_FILE_ATTRIBUTE_DATA a;
    wchar_t w[MAX_PATH];
    if (!GetFileAttributesExW(dk_wide(path, w, MAX_PATH), GetFileExInfoStandard, &a))
        return 0;
    return ((unsigned long long)a.nFileSizeHigh << 32) | a.nFileSizeLow;
}

bool sandbox_capture_eof(const char *path)
{
    (void)path;
    return false;
}

unsigned long long sandbox_capture_pipe(const char *path)
{
    (void)path;
    return 0;
}

const char *sandbox_quote_first_line(const char *path)
{
    size_t len;
    const char *text = sandbox_read(path, &len);
    if (text == NULL)
        return "";
    size_t n = strcspn(text, "\r\n");
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
