/* record.h: what the launcher hands the relaunched daemon (W4, W9): the
 * options it must apply, where to acknowledge, and the caller's state.
 *
 * Encoded as fields of a 4-byte little-endian length and the bytes, in a
 * fixed order; a missing string has the length 0xffffffff. */
#ifndef DK_WIN_RECORD_H
#define DK_WIN_RECORD_H

#include <stddef.h>

typedef struct dk_win_record {
    const char *ack_pipe;
    const char *pid_file;
    const char *chdir;
    const char *stdin_path, *stdout_path, *stderr_path;
    const unsigned char *state;
    size_t state_len;
    unsigned char *storage_;   /* what the fields point into, from unpack */
} dk_win_record;

/* A malloc'd encoding of rec in *out. 0, or -1 when out of memory. */
int dk__win_record_pack(const dk_win_record *rec, unsigned char **out,
                        size_t *len);
/* Decode buf (copied); rec's fields point into that copy. 0, or -1 if buf
 * is not a whole record. */
int dk__win_record_unpack(const unsigned char *buf, size_t len,
                          dk_win_record *rec);
void dk__win_record_free(dk_win_record *rec);

#endif
