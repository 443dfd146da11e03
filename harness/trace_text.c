/* trace_text.c: the words a case uses for what the tracer saw. */
#include "trace.h"
#include "trace_names.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>

const char *trace_open_flags(long flags, char *buf, size_t size)
{
    static const struct {
        long bit;
        const char *name;
    } bits[] = {
        {O_CREAT, "O_CREAT"},     {O_EXCL, "O_EXCL"},
        {O_TRUNC, "O_TRUNC"},     {O_APPEND, "O_APPEND"},
        {O_NOFOLLOW, "O_NOFOLLOW"}, {O_DIRECTORY, "O_DIRECTORY"},
        {O_NONBLOCK, "O_NONBLOCK"}, {O_NOCTTY, "O_NOCTTY"},
        {O_CLOEXEC, "O_CLOEXEC"},
    };
    long acc = flags & O_ACCMODE;
    snprintf(buf, size, "%s",
             acc == O_RDONLY ? "O_RDONLY" : acc == O_WRONLY ? "O_WRONLY"
                                                            : "O_RDWR");
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++)
        if (flags & bits[i].bit) {
            size_t n = strlen(buf);
            snprintf(buf + n, size - n, "|%s", bits[i].name);
        }
    return buf;
}

const char *trace_result(long ret, char *buf, size_t size)
{
    if (ret >= 0 || ret < -4095)
        snprintf(buf, size, "%ld", ret);
    else {
        const char *name = trace__errno_name((int)-ret);
        snprintf(buf, size, "%s", name ? name : strerror((int)-ret));
    }
    return buf;
}

static const char *lock_op(long op)
{
    switch (op & ~LOCK_NB) {
    case LOCK_EX:
        return op & LOCK_NB ? "LOCK_EX|LOCK_NB" : "LOCK_EX";
    case LOCK_SH:
        return op & LOCK_NB ? "LOCK_SH|LOCK_NB" : "LOCK_SH";
    case LOCK_UN:
        return "LOCK_UN";
    }
    return "?";
}

static const char *fcntl_cmd(long cmd)
{
    return cmd == F_SETLK      ? "F_SETLK"
           : cmd == F_SETLKW   ? "F_SETLKW"
           : trace__fcntl_lock_cmd(cmd);
}

const char *trace_describe(const trace_call *c, char *buf, size_t size)
{
    char flags[160], res[32];
    const char *n = c->name;
    const char *r = c->done ? trace_result(c->ret, res, sizeof res) : "?";
    if (strcmp(n, "openat") == 0 || strcmp(n, "open") == 0) {
        long fl = c->arg[strcmp(n, "openat") == 0 ? 2 : 1];
        long mode = c->arg[strcmp(n, "openat") == 0 ? 3 : 2];
        trace_open_flags(fl, flags, sizeof flags);
        if (fl & O_CREAT)
            snprintf(buf, size, "%s(\"%s\", %s, 0%lo) = %s", n, c->path, flags,
                     mode & 07777, r);
        else
            snprintf(buf, size, "%s(\"%s\", %s) = %s", n, c->path, flags, r);
    } else if (strcmp(n, "flock") == 0)
        snprintf(buf, size, "flock(%ld -> \"%s\", %s) = %s", c->arg[0],
                 c->path, lock_op(c->arg[1]), r);
    else if (strcmp(n, "fcntl") == 0)
        snprintf(buf, size, "fcntl(%ld -> \"%s\", %s) = %s", c->arg[0],
                 c->path, fcntl_cmd(c->arg[1]), r);
    else if (c->path2[0])
        snprintf(buf, size, "%s(\"%s\", \"%s\") = %s", n, c->path, c->path2,
                 r);
    else if (c->path[0])
        snprintf(buf, size, "%s(\"%s\") = %s", n, c->path, r);
    else
        snprintf(buf, size, "%s() = %s", n, r);
    return buf;
}
