/* trace_names_linux.c: trace_names.h with glibc's names of errno values
 * and Linux's open file description locks. */
#include "trace_names.h"

#include <fcntl.h>
#include <string.h>

const char *trace__errno_name(int err)
{
    return strerrorname_np(err);
}

const char *trace__fcntl_lock_cmd(long cmd)
{
    return cmd == F_OFD_SETLK    ? "F_OFD_SETLK"
           : cmd == F_OFD_SETLKW ? "F_OFD_SETLKW"
                                 : "F_?";
}
