/* subject_words.h: the --subject command made independent of the
 * directory it runs in. */
#ifndef DKCHECK_SUBJECT_WORDS_H
#define DKCHECK_SUBJECT_WORDS_H

#include <stddef.h>

/* The n words of a subject command, each that names an existing file
 * relative to the current directory made absolute (the first word only
 * when it holds a '/', as execvp looks a bare name up in PATH), joined
 * again as a shell would split them (each word single-quoted) into out.
 * 0, or -1 if out is too small. */
int dk_subject_absolute(char *const *words, size_t n, char *out,
                        size_t size);

#endif
