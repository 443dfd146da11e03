/* trace_names.h: internal to trace_text.c. The names of what only some
 * OSes have, from the file of the OS: trace_names_linux.c (glibc's errno
 * names, the open file description locks), trace_names_generic.c. */
#ifndef DKCHECK_TRACE_NAMES_H
#define DKCHECK_TRACE_NAMES_H

/* "ENOENT" for ENOENT; NULL where the name is not known (the caller then
 * says strerror's words). */
const char *trace__errno_name(int err);

/* The name of a locking fcntl command other than F_SETLK/F_SETLKW, or
 * "F_?". */
const char *trace__fcntl_lock_cmd(long cmd);

#endif
