/* The record the Windows launcher hands its relaunched daemon (W4, W9):
 * portable C, so tested here on any OS. */
#include "../../lib/win/record.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char state[] = {'a', 0, 'b', 0, 0xff};

static unsigned char *packed(size_t *len)
{
    dk_win_record rec = {.ack_pipe = "\\\\.\\pipe\\x", .pid_file = "C:\\d.pid",
                         .chdir = "C:\\", .stdout_path = "C:\\out.log",
                         .state = state, .state_len = sizeof state};
    unsigned char *buf;
    cr_assert(dk__win_record_pack(&rec, &buf, len) == 0);
    return buf;
}

Test(win_record, round_trip_keeps_every_field)
{
    size_t len;
    unsigned char *buf = packed(&len);
    dk_win_record got;
    cr_assert(dk__win_record_unpack(buf, len, &got) == 0);
    cr_expect_str_eq(got.ack_pipe, "\\\\.\\pipe\\x");
    cr_expect_str_eq(got.pid_file, "C:\\d.pid");
    cr_expect_str_eq(got.chdir, "C:\\");
    cr_expect_null(got.stdin_path, "a missing path stays missing");
    cr_expect_str_eq(got.stdout_path, "C:\\out.log");
    cr_expect_null(got.stderr_path);
    cr_expect_eq(got.state_len, sizeof state);
    cr_expect(memcmp(got.state, state, sizeof state) == 0, "state bytes differ");
    dk__win_record_free(&got);
    free(buf);
}

Test(win_record, every_truncation_is_refused)
{
    size_t len;
    unsigned char *buf = packed(&len);
    for (size_t n = 0; n < len; n++) {
        dk_win_record got;
        cr_expect(dk__win_record_unpack(buf, n, &got) == -1,
                  "a record cut to %zu of %zu bytes was accepted", n, len);
    }
    free(buf);
}

Test(win_record, trailing_bytes_are_refused)
{
    size_t len;
    unsigned char *buf = packed(&len);
    unsigned char *longer = malloc(len + 1);
    memcpy(longer, buf, len);
    longer[len] = 0;
    dk_win_record got;
    cr_expect(dk__win_record_unpack(longer, len + 1, &got) == -1);
    free(longer);
    free(buf);
}

Test(win_record, a_length_past_the_end_is_refused)
{
    unsigned char buf[8] = {0xfe, 0xff, 0xff, 0x7f, 'x', 'y', 'z', 'w'};
    dk_win_record got;
    cr_expect(dk__win_record_unpack(buf, sizeof buf, &got) == -1);
}
