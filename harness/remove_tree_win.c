/* remove_tree_win.c: dk_remove_tree (native_win.h), by handle, never
 * leaving the tree.
 *
 * Two guards against a link or junction a subject left (on Windows a
 * reparse point; under Wine 8 a Unix symlink, which FindFirstFileW marks
 * FILE_ATTRIBUTE_REPARSE_POINT but which a handle opened with
 * FILE_FLAG_OPEN_REPARSE_POINT still follows: seen deleting a test tree's
 * link target, outside it): an entry the directory listing marks as a
 * reparse point is never opened, entered or deleted (it is left, and the
 * removal fails saying so: Wine gives no way to delete the link itself
 * that is sure not to reach its target); and before a directory is
 * entered, the path its handle resolves to (GetFinalPathNameByHandleW)
 * must be the path we named, or it is refused.
 * Files and directories are deleted through a handle of their own with
 * DELETE access (FileDispositionInfo), opened after the directory's
 * listing is done (a listing opens the directory without sharing
 * DELETE). Weaker than teardown_tree.c's openat walk: entries are named
 * by path from the sandbox down, not relative to an open directory, so
 * a directory renamed during the walk could redirect it (the final-path
 * check narrows that to the instant between check and use); the sandbox
 * lies in the user's own %TEMP%, which Windows' default ACL gives to
 * nobody else (no shared, sticky /tmp as on Unix). */
#include "native_win.h"

#include <stdio.h>
#include <wchar.h>

/* path's handle resolves to path itself: no link on the way. */
static bool resolves_to_itself(HANDLE h, const wchar_t *path)
{
    wchar_t final[MAX_PATH + 8];
    DWORD n = GetFinalPathNameByHandleW(h, final, MAX_PATH + 8, FILE_NAME_NORMALIZED);
    if (n == 0 || n >= MAX_PATH + 8)
        return false;
    const wchar_t *f = wcsncmp(final, L"\\\\?\\", 4) == 0 ? final + 4 : final;
    return _wcsicmp(f, path) == 0;
}

static int fail(char *why, size_t size, const char *what, const wchar_t *path,
                DWORD e)
{
    snprintf(why, size, "cannot remove %ls: %s (Windows error %lu)", path, what,
             (unsigned long)e);
    return -1;
}

/* Remove path, which a listing said is a directory (dir) or a file, and
 * no reparse point. */
static int remove_w(const wchar_t *path, bool dir, char *why, size_t size,
                    int depth)
{
    bool failed = false;
    if (dir) {
        if (depth > 64)
            return fail(why, size, "nested too deep", path, 0);
        HANDLE h = CreateFileW(path, FILE_READ_ATTRIBUTES,
                               FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                               NULL, OPEN_EXISTING,
                               FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT,
                               NULL);
        if (h == INVALID_HANDLE_VALUE)
            return GetLastError() == ERROR_FILE_NOT_FOUND ||
                           GetLastError() == ERROR_PATH_NOT_FOUND
                       ? 0 : fail(why, size, "cannot open it", path, GetLastError());
        bool itself = resolves_to_itself(h, path);
        CloseHandle(h);
        if (!itself)
            return fail(why, size, "it leads elsewhere (a link?): left", path, 0);
        wchar_t pattern[MAX_PATH + 8];
        _snwprintf(pattern, MAX_PATH + 8, L"%ls\\*", path);
        pattern[MAX_PATH + 7] = L'\0';
        WIN32_FIND_DATAW f;
        HANDLE find = FindFirstFileW(pattern, &f);
        for (BOOL more = find != INVALID_HANDLE_VALUE; more;
             more = FindNextFileW(find, &f)) {
            if (wcscmp(f.cFileName, L".") == 0 || wcscmp(f.cFileName, L"..") == 0)
                continue;
            wchar_t child[MAX_PATH + 8];
            _snwprintf(child, MAX_PATH + 8, L"%ls\\%ls", path, f.cFileName);
            child[MAX_PATH + 7] = L'\0';
            /* On past a failure, for as little as possible to be left;
             * the first reason is the one given. */
            char *mine = failed ? (char[256]){0} : why;
            size_t mine_size = failed ? 256 : size;
            int r = (f.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)
                        ? fail(mine, mine_size, "a link or junction: left", child, 0)
                        : remove_w(child, f.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY,
                                   mine, mine_size, depth + 1);
            failed = failed || r < 0;
        }
        if (find != INVALID_HANDLE_VALUE)
            FindClose(find);
        if (failed)
            return -1;
    }
    HANDLE h = CreateFileW(path, DELETE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT,
                           NULL);
    if (h == INVALID_HANDLE_VALUE)
        return GetLastError() == ERROR_FILE_NOT_FOUND ? 0
               : fail(why, size, "cannot open it", path, GetLastError());
    if (!resolves_to_itself(h, path)) {
        CloseHandle(h);
        return fail(why, size, "it leads elsewhere (a link?): left", path, 0);
    }
    /* A read-only file refuses deletion: the attribute off first. */
    FILE_BASIC_INFO basic = {.FileAttributes = dir ? FILE_ATTRIBUTE_DIRECTORY
                                                   : FILE_ATTRIBUTE_NORMAL};
    SetFileInformationByHandle(h, FileBasicInfo, &basic, sizeof basic);
    FILE_DISPOSITION_INFO del = {TRUE};
    bool ok = SetFileInformationByHandle(h, FileDispositionInfo, &del, sizeof del);
    DWORD e = GetLastError();
    CloseHandle(h); /* the last handle: the entry goes now */
    return ok ? 0 : fail(why, size, "refused", path, e);
}

int dk_remove_tree(const char *path, char *why, size_t size)
{
    wchar_t w[MAX_PATH];
    dk_wide(path, w, MAX_PATH);
    DWORD attrs = GetFileAttributesW(w);
    if (attrs == INVALID_FILE_ATTRIBUTES)
        return 0;
    if (attrs & FILE_ATTRIBUTE_REPARSE_POINT)
        return fail(why, size, "a link or junction: left", w, 0);
    return remove_w(w, attrs & FILE_ATTRIBUTE_DIRECTORY, why, size, 0);
}
