/* libFuzzer target: the /proc parsers (harness/observe_linux.c), each fed
 * the same bytes: obs_parse_stat, obs_parse_status, obs_parse_fdinfo_flags,
 * obs_parse_ids.
 * They promise never to read past len on input that is not NUL-terminated;
 * the input is copied to a buffer of exactly its size so ASan sees any
 * overread. */
#include "../harness/observe.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size ? size : 1);
    if (buf == NULL)
        return 0;
    memcpy(buf, data, size);

    obs_stat st;
    if (obs_parse_stat(buf, size, &st) == 0 &&
        !((st.state >= 'A' && st.state <= 'Z') ||
          (st.state >= 'a' && st.state <= 'z')))
        abort();
    obs_status status;
    if (obs_parse_status(buf, size, &status) == 0 &&
        (status.umask < -1 || status.umask > 07777))
        abort();
    int flags;
    if (obs_parse_fdinfo_flags(buf, size, &flags) == 0 && flags < 0)
        abort();
    obs_ids ids;
    if (obs_parse_ids(buf, size, &ids) == 0 && ids.n_groups > OBS_MAX_GROUPS)
        abort();
    free(buf);
    return 0;
}
