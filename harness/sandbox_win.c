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
 *     (no shell's expansion, which sandbox.c's wordexp gives).
 * What every OS shares is sandbox_common.c's. */
#include "sandbox.h"

#include "case.h"
#include "native_win.h"
#include "run_config.h"
#include "sandbox_os.h"
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
} the_sandbox;

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
    sandbox_free_all();
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

FILE *sandbox_os_open_read(const char *path)
{
    return fopen(path, "rb");
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

