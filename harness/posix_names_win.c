/* posix_names_win.c: posix_names_win.h, with the Win32 API. */
#include "posix_names_win.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <wchar.h>

int setenv(const char *name, const char *value, int overwrite)
{
    if (!overwrite && getenv(name) != NULL)
        return 0;
    /* _putenv_s keeps the C library's copy and the process's block (which
     * CreateProcess hands on) in step. */
    return _putenv_s(name, value) == 0 ? 0 : (errno = EINVAL, -1);
}

int unsetenv(const char *name)
{
    return _putenv_s(name, "") == 0 ? 0 : (errno = EINVAL, -1);
}

/* "\\?\C:\x" and "\\?\UNC\host\x" as the usual "C:\x", "\\host\x": the
 * form a process's image name is given in (QueryFullProcessImageName). */
static const wchar_t *without_prefix(const wchar_t *p, wchar_t *buf, size_t n)
{
    if (wcsncmp(p, L"\\\\?\\UNC\\", 8) == 0) {
        _snwprintf(buf, n, L"\\\\%ls", p + 8);
        buf[n - 1] = L'\0';
        return buf;
    }
    return wcsncmp(p, L"\\\\?\\", 4) == 0 ? p + 4 : p;
}

char *realpath(const char *path, char *resolved)
{
    wchar_t wide[PATH_MAX], full[PATH_MAX], plain[PATH_MAX];
    if (MultiByteToWideChar(CP_UTF8, 0, path, -1, wide, PATH_MAX) == 0) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    HANDLE h = CreateFileW(wide, 0, FILE_SHARE_READ | FILE_SHARE_WRITE |
                           FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        errno = ENOENT;
        return NULL;
    }
    DWORD n = GetFinalPathNameByHandleW(h, full, PATH_MAX, FILE_NAME_NORMALIZED);
    CloseHandle(h);
    if (n == 0 || n >= PATH_MAX) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    char *out = resolved != NULL ? resolved : malloc(PATH_MAX);
    if (out == NULL)
        return NULL;
    if (WideCharToMultiByte(CP_UTF8, 0, without_prefix(full, plain, PATH_MAX),
                            -1, out, PATH_MAX, NULL, NULL) == 0) {
        if (resolved == NULL)
            free(out);
        errno = ENAMETOOLONG;
        return NULL;
    }
    return out;
}

int asprintf(char **out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || (*out = malloc((size_t)n + 1)) == NULL)
        return -1;
    va_start(ap, fmt);
    vsnprintf(*out, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return n;
}
