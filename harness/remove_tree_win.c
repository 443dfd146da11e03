/* remove_tree_win.c: dk_remove_tree (native_win.h), by handle, never
 * leaving the tree, and never acting outside the run's own directory.
 *
 * A link or junction a subject left is a reparse point on Windows; under
 * Wine 8 a Unix symlink, which FindFirstFileW marks
 * FILE_ATTRIBUTE_REPARSE_POINT but which a handle opened with
 * FILE_FLAG_OPEN_REPARSE_POINT still follows (an early version, seen
 * under Wine, deleted a test tree's link target outside it, real files of
 * the machine). So, each a guard of its own:
 *   - the root: only the run's directory (run_config.h's rundir, made by
 *     dkcheck_main_win.c) or a path below it is ever removed;
 *   - the listing: an entry it marks as a reparse point is never opened,
 *     entered or deleted (it is left, and the removal fails saying so:
 *     Wine gives no way to delete the link itself that is sure not to
 *     reach its target);
 *   - every handle: the path it resolves to (GetFinalPathNameByHandleW)
 *     must be the path we named, it must be no reparse point and of the
 *     kind the listing said (directory or file), or it is refused; a
 *     directory's handle stays open while it is listed and emptied, and
 *     the handle that deletes it must be the same file (volume and file
 *     index), so a directory swapped meanwhile is not deleted.
 * A name too long for the buffers is refused, never cut (a cut name
 * could be another entry's). Files and directories are deleted through
 * a handle of their own with DELETE access (FileDispositionInfo).
 * Weaker than teardown_tree.c's openat walk: entries are named by path
 * from the run's directory down, not relative to an open directory, so a
 * directory renamed during the walk could redirect it for the instant
 * between a check and its use; the run's directory lies in the user's
 * own %TEMP%, which Windows' default ACL gives to nobody else (no shared,
 * sticky /tmp as on Unix). cases/unit_win/remove_tree_links.c and
 * scripts/win-remove-tree check that a link's target survives. */
#include "native_win.h"

#include "run_config.h"

#include <stdio.h>
#include <wchar.h>

enum { PATH_ROOM = MAX_PATH + 8 };

/* h, opened for path, is path itself (no link on the way), no reparse
 * point, and a directory exactly when dir; its identity in *id. */
static bool is_what_was_listed(HANDLE h, const wchar_t *path, bool dir,
                               BY_HANDLE_FILE_INFORMATION *id)
{
    wchar_t final[PATH_ROOM];
    DWORD n = GetFinalPathNameByHandleW(h, final, PATH_ROOM, FILE_NAME_NORMALIZED);
    if (n == 0 || n >= PATH_ROOM)
        return false;
    const wchar_t *f = wcsncmp(final, L"\\\\?\\", 4) == 0 ? final + 4 : final;
    if (_wcsicmp(f, path) != 0 || !GetFileInformationByHandle(h, id))
        return false;
    DWORD a = id->dwFileAttributes;
    return !(a & FILE_ATTRIBUTE_REPARSE_POINT) &&
           ((a & FILE_ATTRIBUTE_DIRECTORY) != 0) == dir;
}

static bool same_file(const BY_HANDLE_FILE_INFORMATION *a,
                      const BY_HANDLE_FILE_INFORMATION *b)
{
    return a->dwVolumeSerialNumber == b->dwVolumeSerialNumber &&
           a->nFileIndexHigh == b->nFileIndexHigh &&
           a->nFileIndexLow == b->nFileIndexLow;
}

static int fail(char *why, size_t size, const char *what, const wchar_t *path,
                DWORD e)
{
    snprintf(why, size, "cannot remove %ls: %s (Windows error %lu)", path, what,
             (unsigned long)e);
    return -1;
}

static HANDLE open_entry(const wchar_t *path, DWORD access)
{
    return CreateFileW(path, access,
                       FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                       NULL, OPEN_EXISTING,
                       FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT,
                       NULL);
}

static bool gone(DWORD e)
{
    return e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND;
}

static int remove_w(const wchar_t *path, bool dir, char *why, size_t size,
                    int depth);

/* Empty the directory path, whose handle (checked) the caller holds. */
static int empty_dir(const wchar_t *path, char *why, size_t size, int depth)
{
    bool failed = false;
    wchar_t pattern[PATH_ROOM];
    int n = _snwprintf(pattern, PATH_ROOM, L"%ls\\*", path);
    if (n < 0 || n >= PATH_ROOM)
        return fail(why, size, "its name is too long: left", path, 0);
    WIN32_FIND_DATAW f;
    HANDLE find = FindFirstFileW(pattern, &f);
    for (BOOL more = find != INVALID_HANDLE_VALUE; more;
         more = FindNextFileW(find, &f)) {
        if (wcscmp(f.cFileName, L".") == 0 || wcscmp(f.cFileName, L"..") == 0)
            continue;
        /* On past a failure, for as little as possible to be left; the
         * first reason is the one given. */
        char scratch[256] = "";
        char *mine = failed ? scratch : why;
        size_t mine_size = failed ? sizeof scratch : size;
        wchar_t child[PATH_ROOM];
        int c = _snwprintf(child, PATH_ROOM, L"%ls\\%ls", path, f.cFileName);
        int r;
        if (c < 0 || c >= PATH_ROOM || wcschr(f.cFileName, L'\\') != NULL)
            r = fail(mine, mine_size, "a name too long or odd: left", path, 0);
        else if (f.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)
            r = fail(mine, mine_size, "a link or junction: left", child, 0);
        else
            r = remove_w(child, f.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY,
                         mine, mine_size, depth + 1);
        failed = failed || r < 0;
    }
    if (find != INVALID_HANDLE_VALUE)
        FindClose(find);
    return failed ? -1 : 0;
}

/* Remove path, which a listing said is a directory (dir) or a file, and
 * no reparse point. */
static int remove_w(const wchar_t *path, bool dir, char *why, size_t size,
                    int depth)
{
    BY_HANDLE_FILE_INFORMATION listed = {0}, now = {0};
    HANDLE held = INVALID_HANDLE_VALUE;
    if (dir) {
        if (depth > 64)
            return fail(why, size, "nested too deep", path, 0);
        held = open_entry(path, FILE_READ_ATTRIBUTES);
        if (held == INVALID_HANDLE_VALUE)
            return gone(GetLastError())
                       ? 0 : fail(why, size, "cannot open it", path, GetLastError());
        if (!is_what_was_listed(held, path, true, &listed)) {
            CloseHandle(held);
            return fail(why, size, "not the directory listed (a link?): left",
                        path, 0);
        }
        if (empty_dir(path, why, size, depth) < 0) {
            CloseHandle(held);
            return -1;
        }
    }
    HANDLE h = open_entry(path, DELETE | FILE_READ_ATTRIBUTES | FILE_WRITE_ATTRIBUTES);
    DWORD e = GetLastError();
    if (h == INVALID_HANDLE_VALUE) {
        if (held != INVALID_HANDLE_VALUE)
            CloseHandle(held);
        return gone(e) ? 0 : fail(why, size, "cannot open it", path, e);
    }
    bool checked = is_what_was_listed(h, path, dir, &now) &&
                   (!dir || same_file(&listed, &now));
    if (held != INVALID_HANDLE_VALUE)
        CloseHandle(held);
    if (!checked) {
        CloseHandle(h);
        return fail(why, size, "not what was listed (a link?): left", path, 0);
    }
    /* A read-only file refuses deletion: the attribute off first. */
    FILE_BASIC_INFO basic = {.FileAttributes = dir ? FILE_ATTRIBUTE_DIRECTORY
                                                   : FILE_ATTRIBUTE_NORMAL};
    SetFileInformationByHandle(h, FileBasicInfo, &basic, sizeof basic);
    FILE_DISPOSITION_INFO del = {TRUE};
    bool ok = SetFileInformationByHandle(h, FileDispositionInfo, &del, sizeof del);
    e = GetLastError();
    CloseHandle(h); /* the last handle: the entry goes now */
    return ok ? 0 : fail(why, size, "refused", path, e);
}

/* path is the run's directory or below it, by name: it starts with the
 * run's directory, then ends or goes on with a separator, and names no
 * "." or ".." step. */
static bool in_the_run(const wchar_t *path)
{
    wchar_t root[PATH_ROOM];
    const char *run = run_config()->rundir;
    if (run == NULL || run[0] == '\0' || dk_wide(run, root, PATH_ROOM)[0] == L'\0')
        return false;
    size_t n = wcslen(root);
    if (n < 4 || _wcsnicmp(path, root, n) != 0 ||
        (path[n] != L'\0' && path[n] != L'\\'))
        return false;
    for (const wchar_t *p = path; (p = wcschr(p, L'\\')) != NULL; p++)
        if (wcsncmp(p, L"\\.\\", 3) == 0 || wcsncmp(p, L"\\..\\", 4) == 0 ||
            wcscmp(p, L"\\.") == 0 || wcscmp(p, L"\\..") == 0)
            return false;
    return wcschr(path, L'/') == NULL;
}

int dk_remove_tree(const char *path, char *why, size_t size)
{
    wchar_t w[PATH_ROOM];
    if (dk_wide(path, w, PATH_ROOM)[0] == L'\0')
        return fail(why, size, "its name is too long or not UTF-8", L"?", 0);
    if (!in_the_run(w))
        return fail(why, size, "outside the run's directory: left", w, 0);
    DWORD attrs = GetFileAttributesW(w);
    if (attrs == INVALID_FILE_ATTRIBUTES)
        return 0;
    if (attrs & FILE_ATTRIBUTE_REPARSE_POINT)
        return fail(why, size, "a link or junction: left", w, 0);
    return remove_w(w, attrs & FILE_ATTRIBUTE_DIRECTORY, why, size, 0);
}
