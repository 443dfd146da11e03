/* trace_names_generic.c: trace_names.h where the libc has no names for
 * errno values (messages then give strerror's words) and fcntl has no
 * other locking commands. Only trace_linux.c records calls today, so on
 * these systems the words are never asked for; they are here so that
 * trace_text.c is the same everywhere. */
#include "trace_names.h"

#include <stddef.h>

const char *trace__errno_name(int err)
{
    (void)err;
    return NULL;
}

const char *trace__fcntl_lock_cmd(long cmd)
{
    (void)cmd;
    return "F_?";
}
