/* fault_shim.c: an LD_PRELOAD shim that makes one call fail, for
 * scripts/faults. DK_FAULT_CALL names the call, DK_FAULT_NTH which of its
 * calls fails (1: the first; the count is copied across fork, so it follows
 * the launcher into its children), DK_FAULT_ERRNO the errno;
 * DK_FAULT_STICKY=1 fails every call from the NTH on (a system that lacks
 * the call altogether). When it fails a call it creates DK_FAULT_MARK, so
 * the script knows the point was reached. Everything else passes through
 * to the C library. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static unsigned long seen;

static int inject(const char *name)
{
    const char *want = getenv("DK_FAULT_CALL");
    if (want == NULL || strcmp(want, name) != 0)
        return 0;
    /* Only in the program under test, not in a tool that runs it. */
    const char *exe = getenv("DK_FAULT_EXE");
    if (exe != NULL && strcmp(exe, program_invocation_short_name) != 0)
        return 0;
    const char *nth_env = getenv("DK_FAULT_NTH");
    unsigned long nth = strtoul(nth_env ? nth_env : "1", NULL, 10);
    const char *sticky = getenv("DK_FAULT_STICKY");
    ++seen;
    if (seen < nth || (seen > nth && (sticky == NULL || *sticky != '1')))
        return 0;
    const char *mark = getenv("DK_FAULT_MARK");
    if (mark != NULL) {
        /* the raw system call: our own open() is the one being wrapped */
        long fd = syscall(SYS_openat, AT_FDCWD, mark,
                          O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd >= 0)
            syscall(SYS_close, fd);
    }
    const char *e = getenv("DK_FAULT_ERRNO");
    errno = e ? atoi(e) : EIO;
    return 1;
}

#define REAL(ret, name, ...)                                                 \
    static ret (*real)(__VA_ARGS__);                                         \
    if (real == NULL)                                                        \
        real = (ret(*)(__VA_ARGS__))dlsym(RTLD_NEXT, #name)

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & O_CREAT) ? va_arg(ap, mode_t) : 0;
    va_end(ap);
    REAL(int, open, const char *, int, ...);
    return inject("open") ? -1 : real(path, flags, mode);
}

int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    void *arg = va_arg(ap, void *);
    va_end(ap);
    REAL(int, fcntl, int, int, ...);
    return inject("fcntl") ? -1 : real(fd, cmd, arg);
}

#define WRAP(ret, name, params, args)                                        \
    ret name params                                                          \
    {                                                                        \
        static ret(*real) params;                                            \
        if (real == NULL)                                                    \
            real = (ret(*) params)dlsym(RTLD_NEXT, #name);                   \
        return inject(#name) ? -1 : real args;                               \
    }

WRAP(pid_t, fork, (void), ())
WRAP(pid_t, setsid, (void), ())
WRAP(int, socketpair, (int d, int t, int p, int sv[2]), (d, t, p, sv))
WRAP(int, chdir, (const char *p), (p))
WRAP(int, dup2, (int a, int b), (a, b))
WRAP(int, ftruncate, (int fd, off_t n), (fd, n))
WRAP(ssize_t, pwrite, (int fd, const void *b, size_t n, off_t o), (fd, b, n, o))
WRAP(int, fchmod, (int fd, mode_t m), (fd, m))
WRAP(int, pipe2, (int p[2], int f), (p, f))
WRAP(int, sigaction, (int s, const struct sigaction *a, struct sigaction *o),
     (s, a, o))
WRAP(int, kill, (pid_t p, int s), (p, s))
WRAP(ssize_t, read, (int fd, void *b, size_t n), (fd, b, n))

/* These return the error number instead of setting errno. */
#define WRAP_RET(ret, name, params, args)                                    \
    ret name params                                                          \
    {                                                                        \
        static ret(*real) params;                                            \
        if (real == NULL)                                                    \
            real = (ret(*) params)dlsym(RTLD_NEXT, #name);                   \
        return inject(#name) ? errno : real args;                            \
    }

WRAP_RET(int, pthread_create,
         (pthread_t *t, const pthread_attr_t *a, void *(*f)(void *), void *x),
         (t, a, f, x))
WRAP_RET(int, pthread_sigmask, (int h, const sigset_t *s, sigset_t *o),
         (h, s, o))

/* The library reaches close_range(2) through syscall(), glibc having no
 * wrapper it can count on: only that number is failed, as "close_range";
 * every other system call passes through with its six argument words. */
long syscall(long number, ...)
{
    va_list ap;
    va_start(ap, number);
    long a[6];
    for (int i = 0; i < 6; i++)
        a[i] = va_arg(ap, long);
    va_end(ap);
    REAL(long, syscall, long, ...);
    if (number == SYS_close_range && inject("close_range"))
        return -1;
    return real(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}
