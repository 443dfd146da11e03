/* libFuzzer target: the PID-file parser (lib/common/pidfile_parse.c).
 *
 * Beyond "never crash, never read past len" (ASan's job), it checks the
 * contract: an accepted file is 1..10 digits and at most one final newline,
 * naming a PID in 1..INT_MAX. */
#include "../lib/common/internal.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int only_digits(const uint8_t *data, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (data[i] < '0' || data[i] > '9')
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A copy of exactly size bytes: a read past the end is an ASan report. */
    char *buf = malloc(size ? size : 1);
    if (buf == NULL)
        return 0;
    memcpy(buf, data, size);
    long pid = -1;
    int r = dk__pidfile_parse(buf, size, &pid);
    if (r == 0) {
        size_t digits = size > 0 && data[size - 1] == '\n' ? size - 1 : size;
        if (pid <= 0 || pid > INT_MAX || digits == 0 || digits > 10 ||
            !only_digits(data, digits))
            abort();
    } else if (r != -1 || pid != -1) {
        abort(); /* a refusal must leave *pid alone */
    }
    free(buf);
    return 0;
}
