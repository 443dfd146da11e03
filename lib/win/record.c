#include "record.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ABSENT 0xffffffffu
#define N_STRINGS 6

static size_t put(unsigned char *p, const void *bytes, uint32_t len)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(len >> (8 * i));
    if (bytes != NULL && len != ABSENT)
        memcpy(p + 4, bytes, len);
    return 4 + (len == ABSENT ? 0 : len);
}

static void strings_of(const dk_win_record *rec, const char *s[N_STRINGS])
{
    s[0] = rec->ack_pipe;
    s[1] = rec->pid_file;
    s[2] = rec->chdir;
    s[3] = rec->stdin_path;
    s[4] = rec->stdout_path;
    s[5] = rec->stderr_path;
}

int dk__win_record_pack(const dk_win_record *rec, unsigned char **out,
                        size_t *len)
{
    const char *s[N_STRINGS];
    strings_of(rec, s);
    size_t total = (size_t)4 * (N_STRINGS + 1) + rec->state_len;
    for (int i = 0; i < N_STRINGS; i++)
        total += s[i] ? strlen(s[i]) : 0;
    unsigned char *buf = malloc(total);
    if (buf == NULL)
        return -1;
    size_t at = 0;
    for (int i = 0; i < N_STRINGS; i++)
        at += put(buf + at, s[i], s[i] ? (uint32_t)strlen(s[i]) : ABSENT);
    at += put(buf + at, rec->state, (uint32_t)rec->state_len);
    *out = buf;
    *len = at;
    return 0;
}

/* Each string gets a NUL after it in the copy, so the copy is one byte per
 * field longer than the encoding. */
int dk__win_record_unpack(const unsigned char *buf, size_t len,
                          dk_win_record *rec)
{
    memset(rec, 0, sizeof *rec);
    unsigned char *copy = malloc(len + N_STRINGS + 1);
    if (copy == NULL)
        return -1;
    const char **fields[N_STRINGS] = {&rec->ack_pipe,   &rec->pid_file,
                                      &rec->chdir,      &rec->stdin_path,
                                      &rec->stdout_path, &rec->stderr_path};
    size_t at = 0, used = 0;
    for (int i = 0; i <= N_STRINGS; i++) {
        if (len - at < 4)
            goto bad;
        uint32_t n = 0;
        for (int k = 0; k < 4; k++)
            n |= (uint32_t)buf[at + k] << (8 * k);
        at += 4;
        if (n == ABSENT && i < N_STRINGS)
            continue;
        if (n > len - at)
            goto bad;
        memcpy(copy + used, buf + at, n);
        if (i < N_STRINGS) {
            copy[used + n] = '\0';
            *fields[i] = (const char *)copy + used;
            used += n + 1;
        } else {
            rec->state = copy + used;
            rec->state_len = n;
        }
        at += n;
    }
    if (at != len)
        goto bad;
    rec->storage_ = copy;
    return 0;
bad:
    free(copy);
    memset(rec, 0, sizeof *rec);
    return -1;
}

void dk__win_record_free(dk_win_record *rec)
{
    free(rec->storage_);
    memset(rec, 0, sizeof *rec);
}
