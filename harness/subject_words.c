/* subject_words.c: subject_words.h. `--subject 'sh my_adapter.sh'` names
 * its script relative to where dkcheck was started, but --capabilities
 * and every launch run elsewhere (a case's sandbox): resolved once, here,
 * every run of the subject finds the same files. */
#include "subject_words.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool append(char **at, char *end, const char *text)
{
    size_t n = strlen(text);
    if ((size_t)(end - *at) <= n)
        return false;
    memcpy(*at, text, n + 1);
    *at += n;
    return true;
}

/* word as it was where a shell needs no quotes (so that a plain command
 * reads the same in the reports), else 'word', a ' inside as '\'' */
static bool append_quoted(char **at, char *end, const char *word)
{
    if (word[0] != '\0' &&
        strspn(word, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     "0123456789_./:=@%+,-") == strlen(word))
        return append(at, end, word);
    if (!append(at, end, "'"))
        return false;
    for (const char *p = word; *p; p++) {
        char one[2] = {*p, '\0'};
        if (!append(at, end, *p == '\'' ? "'\\''" : one))
            return false;
    }
    return append(at, end, "'");
}

int dk_subject_absolute(char *const *words, size_t n, char *out, size_t size)
{
    char *at = out, *end = out + size;
    out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *word = words[i];
        char resolved[PATH_MAX];
        struct stat st;
        bool relative_file = word[0] != '/' && word[0] != '\0' &&
                             (i > 0 || strchr(word, '/') != NULL) &&
                             stat(word, &st) == 0;
        if (relative_file && realpath(word, resolved) != NULL)
            word = resolved;
        if ((i > 0 && !append(&at, end, " ")) ||
            !append_quoted(&at, end, word))
            return -1;
    }
    return 0;
}
