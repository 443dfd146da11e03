#include "escape.h"

#include <string.h>

size_t dk_utf8_seq(const unsigned char *s, size_t n, unsigned *cp)
{
    if (n == 0)
        return 0;
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, min = 0x80, c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, min = 0x800, c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, min = 0x10000, c &= 0x07;
    } else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

void dk_json_string(FILE *f, const char *text)
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t n = strlen((const char *)s);
    fputc('"', f);
    while (n > 0) {
        unsigned cp;
        size_t len = dk_utf8_seq(s, n, &cp);
        if (len == 0) {
            fprintf(f, "\\\\x%02X", s[0]); /* shows as \xNN once decoded */
            s++, n--;
            continue;
        }
        if (cp == '"' || cp == '\\')
            fprintf(f, "\\%c", (int)cp);
        else if (cp == '\n')
            fputs("\\n", f);
        else if (cp == '\t')
            fputs("\\t", f);
        else if (cp == '\r')
            fputs("\\r", f);
        else if (cp < 0x20 || cp == 0x7F)
            fprintf(f, "\\u%04x", cp);
        else
            fwrite(s, 1, len, f);
        s += len, n -= len;
    }
    fputc('"', f);
}

/* XML 1.0's Char: tab, newline, return, and U+20..U+D7FF, U+E000..U+FFFD,
 * U+10000 up; anything else cannot appear, not even as a reference. */
static int xml_char(unsigned cp)
{
    return cp == 0x9 || cp == 0xA || cp == 0xD ||
           (cp >= 0x20 && cp <= 0xD7FF && cp != 0x7F) ||
           (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
}

void dk_xml_text(FILE *f, const char *text, int attr)
{
    const unsigned char *s = (const unsigned char *)(text ? text : "");
    size_t n = strlen((const char *)s);
    while (n > 0) {
        unsigned cp;
        size_t len = dk_utf8_seq(s, n, &cp);
        if (len == 0 || !xml_char(cp)) {
            if (len == 0)
                len = 1;
            for (size_t i = 0; i < len; i++)
                fprintf(f, "\\x%02X", s[i]);
        } else if (cp == '<')
            fputs("&lt;", f);
        else if (cp == '>')
            fputs("&gt;", f);
        else if (cp == '&')
            fputs("&amp;", f);
        else if (cp == '"' && attr)
            fputs("&quot;", f);
        else if (attr && (cp == '\n' || cp == '\r' || cp == '\t'))
            fprintf(f, "&#%u;", cp); /* or an attribute's parser makes them spaces */
        else if (cp == '\r')
            fputs("&#13;", f); /* or a parser makes it a newline */
        else
            fwrite(s, 1, len, f);
        s += len, n -= len;
    }
}

char *dk_quote(const char *text, size_t len, size_t max, char *buf,
               size_t size)
{
    static const char cut[] = "...(%zu more bytes)";
    size_t room = size - sizeof cut - 20; /* for the "cut" note */
    if (max < room)
        room = max;
    size_t o = 0, i = 0;
    for (; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        char esc[8];
        if (c == '"' || c == '\\')
            snprintf(esc, sizeof esc, "\\%c", c);
        else if (c == '\n')
            snprintf(esc, sizeof esc, "\\n");
        else if (c == '\r')
            snprintf(esc, sizeof esc, "\\r");
        else if (c == '\t')
            snprintf(esc, sizeof esc, "\\t");
        else if (c < 0x20 || c >= 0x7F)
            snprintf(esc, sizeof esc, "\\x%02X", c);
        else
            snprintf(esc, sizeof esc, "%c", c);
        size_t e = strlen(esc);
        if (o + e > room)
            break;
        memcpy(buf + o, esc, e);
        o += e;
    }
    buf[o] = '\0';
    if (i < len)
        snprintf(buf + o, size - o, cut, len - i);
    return buf;
}
