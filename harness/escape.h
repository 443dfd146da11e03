/* escape.h: text from anywhere (a subject's output, a path it chose, a
 * message quoting either) made safe for what we write: a JSON string, XML
 * character data or attribute, or one short line of a verdict. Whatever the
 * bytes (quotes, backslashes, newlines, control bytes, invalid UTF-8), the
 * result is valid in its format; bytes that are not valid UTF-8 are shown
 * as \xNN. */
#ifndef DKCHECK_ESCAPE_H
#define DKCHECK_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* The length of the valid UTF-8 sequence (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) at s, of at most n bytes; 0 if the
 * bytes there are not one. *cp gets the code point. */
size_t dk_utf8_seq(const unsigned char *s, size_t n, unsigned *cp);

/* "text" as a JSON string, the quotes included. NULL is written as "". */
void dk_json_string(FILE *f, const char *text);

/* text as XML 1.0 character data (attr false) or the inside of a
 * double-quoted attribute (attr true). */
void dk_xml_text(FILE *f, const char *text, int attr);

/* At most max bytes of text on one line, printable ASCII only: quote and
 * backslash escaped, \n \r \t as such, any other byte as \xNN, and
 * "...(N more bytes)" when cut. Into buf of size (>= 32); returns buf. */
char *dk_quote(const char *text, size_t len, size_t max, char *buf,
               size_t size);

#endif
