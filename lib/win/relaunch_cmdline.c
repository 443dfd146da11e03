#include "steps.h"

#include <stdlib.h>
#include <wchar.h>

/* The arguments of a command line: what follows its first token (quoted or
 * up to the first blank, as the C runtime splits it). */
static const wchar_t *arguments_of(const wchar_t *line)
{
    if (*line == L'"') {
        const wchar_t *end = wcschr(line + 1, L'"');
        line = end ? end + 1 : line + wcslen(line);
    } else
        while (*line && *line != L' ' && *line != L'\t')
            line++;
    return line;
}

dk_status dk__win_relaunch_cmdline(const wchar_t *exe, bool strip_args,
                                   wchar_t **out, dk_error *err)
{
    /* The executable's own path, not argv[0]: the launcher may have been
     * started by a relative name that means nothing in the daemon. */
    const wchar_t *args = strip_args ? L"" : arguments_of(GetCommandLineW());
    size_t n = wcslen(exe) + wcslen(args) + 3;
    wchar_t *line = malloc(n * sizeof *line);
    if (line == NULL)
        return dk__fail(err, DK_ESYS, "W2", ENOMEM, "command line");
    _snwprintf(line, n, L"\"%ls\"%ls", exe, args);
    line[n - 1] = L'\0';
    *out = line;
    return DK_OK;
}
